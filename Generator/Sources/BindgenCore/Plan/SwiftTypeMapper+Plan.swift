extension GenerationPlan {
    /// The Swift spellings of C types in this plan: the importer's, with the views standing in
    /// for the records they replace.
    var swiftTypeMapper: SwiftTypeMapper {
        SwiftTypeMapper(model: model, views: Dictionary(uniqueKeysWithValues: views.map { ($0.record.name, $0.name) }))
    }
}
