// Scanning with the device's camera where the browser can read barcodes (BarcodeDetector, a secure context).
// Hardware scanners need none of this: they type the code into the focused scan field and press Enter.

export const cameraScanning = 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;

/**
 * Shows the back camera in {@code video} and resolves with the first barcode it reads; {@code signal} aborts (the
 * associate closed the camera), which resolves with null. The camera is always switched off at the end.
 */
export async function scanOnce(video, signal) {
  const stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}, audio: false});
  try {
    video.srcObject = stream;
    await video.play();
    const detector = new BarcodeDetector();
    while (!signal.aborted) {
      const found = await detector.detect(video).catch(() => []);
      if (found.length) {
        return found[0].rawValue;
      }
      await new Promise(r => setTimeout(r, 200));
    }
    return null;
  } finally {
    stream.getTracks().forEach(t => t.stop());
    video.srcObject = null;
  }
}
