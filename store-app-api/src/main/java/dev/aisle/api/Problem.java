package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An error answer, RFC 9457 {@code application/problem+json}. {@code errors} names each bad field
 * ({@code field} is a JSON pointer-like path such as {@code lines[2].qty}, or {@code line 17} for NDJSON).
 * Extension members a reader does not know are ignored, as RFC 9457 asks.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public record FieldError(String field, String message) {}
}
