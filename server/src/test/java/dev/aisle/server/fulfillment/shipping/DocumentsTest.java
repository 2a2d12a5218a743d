package dev.aisle.server.fulfillment.shipping;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.aisle.server.fulfillment.shipping.LocalCarrierTest.CUSTOMER;
import static dev.aisle.server.fulfillment.shipping.LocalCarrierTest.box;
import static dev.aisle.server.fulfillment.shipping.LocalCarrierTest.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentsTest {

  private static final String ORDER_ID = "3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b";
  private final Documents documents = new Documents();

  @Test
  @DisplayName("Each parcel's label is a 4x6 inch PDF with both addresses and its tracking number in words and bars")
  void label() throws IOException {
    ShipmentRequest request = request(box(2.5), box(12));
    Shipment shipment = new LocalCarrier().ship(request);
    for (int i = 0; i < 2; i++) {
      String tracking = shipment.parcelTrackingNumbers().get(i);
      try (PDDocument pdf = Loader.loadPDF(documents.label(shipment, request, i))) {
        assertEquals(1, pdf.getNumberOfPages());
        PDRectangle size = pdf.getPage(0).getMediaBox();
        assertEquals(288, size.getWidth(), 0.01);
        assertEquals(432, size.getHeight(), 0.01);
        String text = new PDFTextStripper().getText(pdf);
        for (String expected : List.of(tracking, "Zoë Quinn", "742 Evergreen Terrace", "Shelbyville, IL 62565",
            "Aisle Store 12", "AISLE-LOCAL GROUND", "parcel " + (i + 1) + " of 2")) {
          assertTrue(text.contains(expected), expected + " not in " + text);
        }
        assertEquals(Set.of(tracking), barcodes(pdf, 0));
      }
    }
  }

  @Test
  @DisplayName("A label asked for a parcel the shipment does not have is refused")
  void labelIndex() {
    ShipmentRequest request = request(box(1));
    Shipment shipment = new LocalCarrier().ship(request);
    assertThrows(IndexOutOfBoundsException.class, () -> documents.label(shipment, request, 1));
  }

  @Test
  @DisplayName("The packing slip is a Letter PDF with the order id in bars and one line per item")
  void packingSlip() throws IOException {
    PackingSlip slip = new PackingSlip(ORDER_ID, "W-10042", "Aisle Springfield", CUSTOMER, List.of(
        new PackingSlip.Item("MUG-BLUE", "Blue mug, stoneware", "012345678905", 2),
        new PackingSlip.Item("TEA-GREEN", "Green tea 東京 blend", "036000291452", 1)));
    try (PDDocument pdf = Loader.loadPDF(documents.packingSlip(slip))) {
      assertEquals(1, pdf.getNumberOfPages());
      assertEquals(612, pdf.getPage(0).getMediaBox().getWidth(), 0.01);
      assertEquals(792, pdf.getPage(0).getMediaBox().getHeight(), 0.01);
      List<String> lines = text(pdf).lines().toList();
      assertTrue(lines.contains("2 MUG-BLUE 012345678905 Blue mug, stoneware"), lines.toString());
      assertTrue(lines.contains("1 TEA-GREEN 036000291452 Green tea ?? blend"), lines.toString());
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("Order W-10042")), lines.toString());
      assertTrue(lines.contains("2 lines, 3 units"), lines.toString());
      assertEquals(Set.of(ORDER_ID), barcodes(pdf, 0));
    }
  }

  @Test
  @DisplayName("A long packing slip runs over pages and lists every item")
  void longPackingSlip() throws IOException {
    List<PackingSlip.Item> items = IntStream.rangeClosed(1, 80)
        .mapToObj(i -> new PackingSlip.Item("SKU-" + i, "Item number " + i, "0000000000" + i, i)).toList();
    PackingSlip slip = new PackingSlip(ORDER_ID, null, "Aisle Springfield", CUSTOMER, items);
    try (PDDocument pdf = Loader.loadPDF(documents.packingSlip(slip))) {
      assertTrue(pdf.getNumberOfPages() > 1);
      List<String> lines = text(pdf).lines().toList();
      for (PackingSlip.Item item : items) {
        String line = item.quantity() + " " + item.sku() + " " + item.upc() + " " + item.name();
        assertTrue(lines.contains(line), line);
      }
      assertTrue(lines.contains("80 lines, 3240 units"), lines.toString());
    }
  }

  @Test
  @DisplayName("The encoder's check symbol is the mod-103 weighted sum")
  void checksum() {
    // the worked example of the symbology: 104 + 48*1 + 42*2 + 42*3 + 17*4 + 18*5 + 19*6 + 35*7 = 879, 879 % 103 = 55
    assertArrayEquals(new int[] {104, 48, 42, 42, 17, 18, 19, 35, 55, 106}, Code128.values("PJJ123C"));
    assertThrows(IllegalArgumentException.class, () -> Code128.values("tab\there"));
  }

  private static String text(PDDocument pdf) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(true);
    return stripper.getText(pdf);
  }

  private static Set<String> barcodes(PDDocument pdf, int page) throws IOException {
    return Code128Decoder.decode(new PDFRenderer(pdf).renderImageWithDPI(page, 300, ImageType.GRAY));
  }
}
