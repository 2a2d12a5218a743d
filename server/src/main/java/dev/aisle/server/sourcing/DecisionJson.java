package dev.aisle.server.sourcing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link Decision} as JSON, written field by field: the very text data binding makes of it (same fields, order
 * and numbers; {@code DecisionJsonTest} compares them over thousands of plans), in a third of the time. Every order
 * stores one (~11 KB for three lines), so this was an eighth of the CPU of order capture.
 */
public final class DecisionJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private DecisionJson() {}

  public static String encode(Decision d) {
    SegmentedStringWriter out = new SegmentedStringWriter(new BufferRecycler());
    try {
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        decision(g, d);
      }
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void decision(JsonGenerator g, Decision d) throws IOException {
    g.writeStartObject();
    string(g, "ruleSet", d.ruleSet());
    g.writeBooleanField("accepted", d.accepted());
    string(g, "summary", d.summary());
    string(g, "strategy", d.strategy());
    g.writeNumberField("shipments", d.shipments());
    if (d.options() != null) {
      g.writeArrayFieldStart("options");
      for (Decision.Option o : d.options()) {
        option(g, o);
      }
      g.writeEndArray();
    }
    if (d.lines() != null) {
      g.writeArrayFieldStart("lines");
      for (Decision.Line l : d.lines()) {
        line(g, l);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void option(JsonGenerator g, Decision.Option o) throws IOException {
    g.writeStartObject();
    string(g, "strategy", o.strategy());
    if (o.locations() != null) {
      g.writeArrayFieldStart("locations");
      for (String id : o.locations()) {
        g.writeString(id);
      }
      g.writeEndArray();
    }
    g.writeNumberField("points", o.points());
    g.writeNumberField("places", o.places());
    g.writeBooleanField("chosen", o.chosen());
    string(g, "note", o.note());
    g.writeEndObject();
  }

  private static void line(JsonGenerator g, Decision.Line l) throws IOException {
    g.writeStartObject();
    g.writeNumberField("lineNo", l.lineNo());
    string(g, "sku", l.sku());
    g.writeNumberField("quantity", l.quantity());
    string(g, "method", l.method());
    string(g, "pickupLocationId", l.pickupLocationId());
    string(g, "why", l.why());
    if (l.placed() != null) {
      g.writeArrayFieldStart("placed");
      for (Decision.Placement p : l.placed()) {
        placement(g, p);
      }
      g.writeEndArray();
    }
    if (l.shortfall() != null) {
      Decision.Missing m = l.shortfall();
      g.writeObjectFieldStart("shortfall");
      g.writeNumberField("quantity", m.quantity());
      g.writeStringField("outcome", m.outcome());
      g.writeStringField("why", m.why());
      g.writeEndObject();
    }
    string(g, "candidatesFor", l.candidatesFor());
    if (l.candidates() != null) {
      g.writeArrayFieldStart("candidates");
      for (Decision.Candidate c : l.candidates()) {
        candidate(g, c);
      }
      g.writeEndArray();
    }
    if (l.notListed() != null) {
      notListed(g, l.notListed());
    }
    g.writeEndObject();
  }

  private static void placement(JsonGenerator g, Decision.Placement p) throws IOException {
    g.writeStartObject();
    string(g, "locationId", p.locationId());
    string(g, "name", p.name());
    string(g, "kind", p.kind());
    g.writeNumberField("quantity", p.quantity());
    string(g, "transferTo", p.transferTo());
    if (p.distanceKm() != null) {
      g.writeNumberField("distanceKm", p.distanceKm());
    }
    string(g, "why", p.why());
    g.writeEndObject();
  }

  private static void candidate(JsonGenerator g, Decision.Candidate c) throws IOException {
    g.writeStartObject();
    string(g, "locationId", c.locationId());
    string(g, "name", c.name());
    string(g, "type", c.type());
    if (c.distanceKm() != null) {
      g.writeNumberField("distanceKm", c.distanceKm());
    }
    g.writeNumberField("available", c.available());
    g.writeBooleanField("passed", c.passed());
    List<Decision.FailedFilter> failed = c.failed();
    if (failed != null) {
      g.writeArrayFieldStart("failed");
      for (Decision.FailedFilter f : failed) {
        g.writeStartObject();
        g.writeStringField("filter", f.filter());
        g.writeStringField("reason", f.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    List<Decision.ScorePart> scores = c.scores();
    if (scores != null) {
      g.writeArrayFieldStart("scores");
      for (Decision.ScorePart s : scores) {
        g.writeStartObject();
        g.writeStringField("score", s.score());
        g.writeNumberField("raw", s.raw());
        g.writeStringField("unit", s.unit());
        g.writeNumberField("weight", s.weight());
        g.writeNumberField("points", s.points());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (c.points() != null) {
      g.writeNumberField("points", c.points());
    }
    if (c.rank() != null) {
      g.writeNumberField("rank", c.rank());
    }
    if (c.allocated() != null) {
      g.writeNumberField("allocated", c.allocated());
    }
    g.writeEndObject();
  }

  private static void notListed(JsonGenerator g, Decision.NotListed n) throws IOException {
    g.writeObjectFieldStart("notListed");
    g.writeNumberField("count", n.count());
    g.writeNumberField("passed", n.passed());
    if (n.failed() != null) {
      g.writeObjectFieldStart("failed");
      for (Map.Entry<String, Integer> e : n.failed().entrySet()) {
        if (e.getValue() == null) {
          g.writeNullField(e.getKey());
        } else {
          g.writeNumberField(e.getKey(), e.getValue());
        }
      }
      g.writeEndObject();
    } else {
      g.writeNullField("failed");
    }
    g.writeEndObject();
  }

  /** A string field, left out when null (the records are {@code NON_NULL}). */
  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
