// swift-crypto side of the crypto choice for WireGuardCore (see ../compare.sh).
import Crypto
import Foundation
// usage: m chacha|x25519 N
let args = CommandLine.arguments
let which = args[1], n = Int(args[2])!
let key = SymmetricKey(size: .bits256)
var payload = [UInt8](repeating: 7, count: 1420)
let nonce = try! ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12))
var sink = 0
let a = Curve25519.KeyAgreement.PrivateKey()
let b = Curve25519.KeyAgreement.PrivateKey().publicKey
if which == "chacha" {
  for i in 0..<n {
    payload[0] = UInt8(truncatingIfNeeded: i)
    let box = try! ChaChaPoly.seal(payload, using: key, nonce: nonce)
    sink &+= Int(box.tag.first!)
  }
} else if which == "x25519" {
  for _ in 0..<n { let s = try! a.sharedSecretFromKeyAgreement(with: b); sink &+= s.withUnsafeBytes { Int($0[0]) } }
}
print(sink)
