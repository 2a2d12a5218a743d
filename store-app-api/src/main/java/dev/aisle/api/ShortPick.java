package dev.aisle.api;

/**
 * {@code POST /api/v1/tasks/{id}/short}: {@code missing} units of line {@code lineNo} are not on the shelf. The server
 * lowers on-hand at the store and sources the missing units elsewhere.
 */
public record ShortPick(int lineNo, long missing, String reason) {}
