package dev.aisle.server.sourcing;
// TEMPORARY: replaced by the sourcing branch on merge.
final class Stubs {}
