// The protocol toolkit is part of CNE's API: `import CNE` brings MACAddress, IPv4Address,
// EthernetHeader, InternetChecksum and the rest, the same types a program that only parses
// bytes gets from `import CNEProtocols`.
@_exported public import CNEProtocols
