package dev.aisle.server.fulfillment.shipping;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The PDFs of a packed order: a 4×6 inch shipping label per parcel and a Letter-size packing slip, each with a Code
 * 128 barcode. Stateless and thread-safe; CPU-bound, so call it on a worker thread. Text is set in Helvetica:
 * characters it cannot show (outside Windows-1252) print as {@code ?}; barcodes take printable ASCII only.
 */
public final class Documents {

  private static final PDRectangle LABEL = new PDRectangle(288, 432);
  private static final float MODULE = 1f;
  private static final float QUIET = 10 * MODULE;

  /**
   * The label of parcel {@code parcelIndex} (from 0) of {@code request}, booked as {@code shipment}: from and to
   * addresses, service, weight and size, and the parcel's tracking number in bars and in words.
   *
   * @throws IndexOutOfBoundsException if the request or the shipment has no such parcel
   */
  public byte[] label(Shipment shipment, ShipmentRequest request, int parcelIndex) {
    Objects.checkIndex(parcelIndex, request.parcels().size());
    String tracking = shipment.parcelTrackingNumbers().get(parcelIndex);
    Parcel parcel = request.parcels().get(parcelIndex);
    return pdf(doc -> {
      Pen pen = new Pen(doc, LABEL);
      float w = LABEL.getWidth();
      float x = 14;
      float y = 408;
      pen.text(pen.bold, 7, x, y, "FROM");
      for (String line : lines(request.from())) {
        pen.text(pen.regular, 8, x, y -= 10, line);
      }
      pen.rule(x, y -= 10, w - x);
      pen.text(pen.bold, 8, x, y -= 14, "SHIP TO");
      List<String> to = lines(request.to());
      pen.text(pen.bold, 14, x, y -= 18, to.get(0));
      for (String line : to.subList(1, to.size())) {
        pen.text(pen.regular, 12, x, y -= 15, line);
      }
      pen.rule(x, y -= 12, w - x);
      pen.text(pen.bold, 16, x, y -= 22, (shipment.carrier() + " " + shipment.service()).toUpperCase(Locale.ROOT));
      String size = String.format(Locale.ROOT, "%.2f kg   %.0f x %.0f x %.0f cm   parcel %d of %d", parcel.weightKg(),
          parcel.lengthCm(), parcel.widthCm(), parcel.heightCm(), parcelIndex + 1, request.parcels().size());
      pen.text(pen.regular, 9, x, y -= 14, size);
      pen.text(pen.regular, 9, x, y -= 12, "Order " + request.orderId());
      pen.rule(x, y -= 10, w - x);
      float barsWidth = Code128.modules(tracking).length * MODULE;
      pen.barcode(tracking, (w - barsWidth) / 2, 76, 80);
      pen.centered(pen.bold, 12, w / 2, 60, tracking);
      pen.close();
    });
  }

  /** The packing slip: store, order number in bars and words, ship-to address and the items, over as many pages. */
  public byte[] packingSlip(PackingSlip slip) {
    return pdf(doc -> {
      Pen pen = new Pen(doc, PDRectangle.LETTER);
      float x = 40;
      float right = PDRectangle.LETTER.getWidth() - 40;
      float y = 740;
      pen.text(pen.bold, 18, x, y, slip.storeName());
      pen.text(pen.regular, 12, x, y -= 18, "Packing slip");
      String number = slip.externalId() == null ? slip.orderId() : slip.externalId();
      pen.text(pen.regular, 10, x, y -= 16, "Order " + number);
      float toY = 740;
      pen.text(pen.bold, 8, 360, toY, "SHIP TO");
      for (String line : lines(slip.shipTo())) {
        pen.text(pen.regular, 10, 360, toY -= 13, line);
      }
      y = Math.min(y, toY) - 70;
      pen.barcode(slip.orderId(), x + QUIET, y, 50);
      pen.text(pen.regular, 9, x + QUIET, y -= 12, slip.orderId());
      y = header(pen, x, right, y - 30);
      long units = 0;
      for (PackingSlip.Item item : slip.items()) {
        if (y < 60) {
          pen.page(PDRectangle.LETTER);
          pen.text(pen.regular, 9, x, 750, "Order " + slip.orderId() + " (continued)");
          y = header(pen, x, right, 720);
        }
        pen.text(pen.regular, 10, x, y, Long.toString(item.quantity()));
        pen.text(pen.regular, 10, x + 40, y, pen.fit(pen.regular, 10, item.sku(), 130));
        pen.text(pen.regular, 10, x + 175, y, pen.fit(pen.regular, 10, item.upc(), 90));
        pen.text(pen.regular, 10, x + 270, y, pen.fit(pen.regular, 10, item.name(), right - x - 270));
        units += item.quantity();
        y -= 15;
      }
      pen.rule(x, y + 8, right);
      int count = slip.items().size();
      pen.text(pen.bold, 10, x, y - 8, count + (count == 1 ? " line, " : " lines, ") + units + " units");
      pen.close();
    });
  }

  private static float header(Pen pen, float x, float right, float y) throws IOException {
    pen.text(pen.bold, 10, x, y, "Qty");
    pen.text(pen.bold, 10, x + 40, y, "SKU");
    pen.text(pen.bold, 10, x + 175, y, "UPC");
    pen.text(pen.bold, 10, x + 270, y, "Item");
    pen.rule(x, y - 5, right);
    return y - 20;
  }

  private static List<String> lines(Address a) {
    String region = a.region() == null || a.region().isBlank() ? "" : ", " + a.region();
    String city = Objects.toString(a.city(), "") + region + " " + Objects.toString(a.postalCode(), "");
    return List.of(Objects.toString(a.name(), ""), Objects.toString(a.line1(), ""), city.strip(),
        Objects.toString(a.country(), ""));
  }

  private interface Drawing {
    void draw(PDDocument doc) throws IOException;
  }

  private static byte[] pdf(Drawing drawing) {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      drawing.draw(doc);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Draws on the current page of a document; fonts are made per document because PDFBox fonts are not shared. */
  private static final class Pen {
    final PDFont regular = new PDType1Font(FontName.HELVETICA);
    final PDFont bold = new PDType1Font(FontName.HELVETICA_BOLD);
    private final PDDocument doc;
    private PDPageContentStream cs;

    Pen(PDDocument doc, PDRectangle size) throws IOException {
      this.doc = doc;
      page(size);
    }

    void page(PDRectangle size) throws IOException {
      close();
      PDPage page = new PDPage(size);
      doc.addPage(page);
      cs = new PDPageContentStream(doc, page);
    }

    void text(PDFont font, float size, float x, float y, String s) throws IOException {
      cs.beginText();
      cs.setFont(font, size);
      cs.newLineAtOffset(x, y);
      cs.showText(printable(font, s));
      cs.endText();
    }

    void centered(PDFont font, float size, float cx, float y, String s) throws IOException {
      text(font, size, cx - width(font, size, printable(font, s)) / 2, y, s);
    }

    void rule(float x, float y, float toX) throws IOException {
      cs.setLineWidth(0.75f);
      cs.moveTo(x, y);
      cs.lineTo(toX, y);
      cs.stroke();
    }

    /** Bars of {@code value} from (x, y) upwards; the caller leaves {@link #QUIET} clear on both sides. */
    void barcode(String value, float x, float y, float height) throws IOException {
      boolean[] modules = Code128.modules(value);
      for (int i = 0; i < modules.length; ) {
        int end = i;
        while (end < modules.length && modules[end] == modules[i]) {
          end++;
        }
        if (modules[i]) {
          cs.addRect(x + i * MODULE, y, (end - i) * MODULE, height);
        }
        i = end;
      }
      cs.fill();
    }

    /** {@code s}, cut with an ellipsis where it is wider than {@code max} points. */
    String fit(PDFont font, float size, String s, float max) throws IOException {
      String t = printable(font, s);
      if (width(font, size, t) <= max) {
        return t;
      }
      while (!t.isEmpty() && width(font, size, t + "...") > max) {
        t = t.substring(0, t.length() - 1);
      }
      return t + "...";
    }

    void close() throws IOException {
      if (cs != null) {
        cs.close();
        cs = null;
      }
    }

    private static float width(PDFont font, float size, String s) throws IOException {
      return font.getStringWidth(s) / 1000 * size;
    }

    /** {@code s} with controls as spaces and what the font cannot encode as {@code ?}. */
    private static String printable(PDFont font, String s) {
      if (s == null) {
        return "";
      }
      StringBuilder b = new StringBuilder(s.length());
      s.codePoints().forEach(cp -> {
        String c = Character.isISOControl(cp) ? " " : Character.toString(cp);
        try {
          font.encode(c);
          b.append(c);
        } catch (IllegalArgumentException | IOException e) {
          b.append('?');
        }
      });
      return b.toString();
    }
  }
}
