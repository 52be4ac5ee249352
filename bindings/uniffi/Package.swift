// swift-tools-version:5.9
// The Swift binding of lakse: the generated sources (generated/swift) over
// the Rust library packed as an XCFramework (swift/build-xcframework.sh).
// NOT COMPILED HERE: no Swift toolchain reaches the machines this project is
// built on; tests/run-uniffi.sh only parses this file and the generated
// Swift with tree-sitter-swift and checks the expected declarations.

import PackageDescription

let package = Package(
    name: "LakseKit",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "LakseKit", targets: ["LakseKit"]),
    ],
    targets: [
        // liblakse_uniffi.a for each Apple target, with LakseKitFFI.h and its module map.
        .binaryTarget(name: "LakseKitFFI", path: "swift/LakseKitFFI.xcframework"),
        .target(
            name: "LakseKit",
            dependencies: ["LakseKitFFI"],
            path: "generated/swift",
            exclude: ["LakseKitFFI.h", "LakseKitFFI.modulemap"],
            sources: ["LakseKit.swift"]
        ),
    ]
)
