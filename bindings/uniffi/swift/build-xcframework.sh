#!/usr/bin/env bash
# Builds swift/LakseKitFFI.xcframework (the Rust library for iOS devices, the
# iOS simulator and macOS, with the generated C header and module map), which
# Package.swift's binary target wraps. UNTESTED HERE: it needs macOS with
# Xcode (xcodebuild, lipo) and the Apple Rust targets:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin
set -euo pipefail
cd "$(dirname "$0")/../../.."          # the repository
out=bindings/uniffi/swift
# The crate is a cdylib and an rlib; iOS wants a static library, built on its own.
build() { cargo rustc -p lakse-uniffi --lib --crate-type staticlib --no-default-features --release --target "$1"; }
for t in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin; do
  build "$t"
done

headers=$(mktemp -d)
cp bindings/uniffi/generated/swift/LakseKitFFI.h "$headers/"
cp bindings/uniffi/generated/swift/LakseKitFFI.modulemap "$headers/module.modulemap"

mkdir -p target/universal/ios-sim target/universal/macos
lipo -create target/aarch64-apple-ios-sim/release/liblakse_uniffi.a \
  target/x86_64-apple-ios/release/liblakse_uniffi.a -output target/universal/ios-sim/liblakse_uniffi.a
lipo -create target/aarch64-apple-darwin/release/liblakse_uniffi.a \
  target/x86_64-apple-darwin/release/liblakse_uniffi.a -output target/universal/macos/liblakse_uniffi.a

rm -rf "$out/LakseKitFFI.xcframework"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/release/liblakse_uniffi.a -headers "$headers" \
  -library target/universal/ios-sim/liblakse_uniffi.a -headers "$headers" \
  -library target/universal/macos/liblakse_uniffi.a -headers "$headers" \
  -output "$out/LakseKitFFI.xcframework"
echo "wrote $out/LakseKitFFI.xcframework"
