package dev.aisle.api;

import java.util.List;

/** {@code POST /api/v1/tasks/{id}/pack}: the parcels the picked units went into; the server makes label and slip. */
public record Pack(List<Package> packages) {

  public record Package(double weightKg, double lengthCm, double widthCm, double heightCm) {}
}
