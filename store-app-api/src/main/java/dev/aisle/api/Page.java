package dev.aisle.api;

import java.util.List;

/** One page of a list. Pass {@code nextCursor} back as {@code cursor} for the next page; null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {}
