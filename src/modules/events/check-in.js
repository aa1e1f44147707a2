// Check-in at the door: reads a QR ticket with the phone's camera and sends its code through the
// ticket form, as if it had been typed. Progressive enhancement only: without this script, or
// without a camera, the code is typed and the form works the same. The browser's BarcodeDetector
// is used where it reads QR codes; elsewhere jsQR, served by the app itself (no CDN).
(() => {
  const scanner = document.querySelector('[data-scanner]');
  const form = document.querySelector('[data-ticket-form]');
  if (!scanner || !form || !navigator.mediaDevices?.getUserMedia) return;
  const start = scanner.querySelector('[data-scanner-start]');
  const video = scanner.querySelector('[data-scanner-video]');
  const status = scanner.querySelector('[data-scanner-status]');
  // the field the code goes into (a ticket here; a るのかーど page names its own) and whether the
  // camera comes back after the page reloads (not at a till, where the next amount is typed first)
  const input = form.querySelector(`input[name="${scanner.dataset.field || 'ticketCode'}"]`);
  const resume = scanner.dataset.resume !== 'off';
  const english = document.documentElement.lang === 'en';
  const say = (ja, en) => {
    status.textContent = english ? en : ja;
  };
  // after a scan the page reloads with the result; the camera comes back on by itself
  const rememberKey = 'tsunagu-check-in-camera';
  scanner.hidden = false;

  function loadDecoder() {
    if (window.jsQR) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = scanner.dataset.decoder;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  async function qrReader() {
    if ('BarcodeDetector' in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes('qr_code')) {
          const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
          return async (source) => (await detector.detect(source))[0]?.rawValue;
        }
      } catch {
        // no detector after all: jsQR below
      }
    }
    await loadDecoder();
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    return async (source) => {
      const width = source.videoWidth;
      const height = source.videoHeight;
      if (!width || !height) return undefined;
      canvas.width = width;
      canvas.height = height;
      context.drawImage(source, 0, 0, width, height);
      const image = context.getImageData(0, 0, width, height);
      return window.jsQR(image.data, width, height, { inversionAttempts: 'attemptBoth' })?.data;
    };
  }

  let stream;
  function stop() {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.hidden = true;
    start.disabled = false;
  }

  async function scan() {
    start.disabled = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const read = await qrReader();
      say('QRコードをカメラに向けてください。', 'Point the camera at the QR code.');
      const tick = async () => {
        if (!stream) return;
        const code = await read(video).catch(() => undefined);
        if (code) {
          stop();
          if (resume) sessionStorage.setItem(rememberKey, 'on');
          input.value = code.trim();
          say('読み取りました。送信しています…', 'Read. Sending…');
          form.requestSubmit();
          return;
        }
        setTimeout(tick, 150);
      };
      tick();
    } catch {
      stop();
      sessionStorage.removeItem(rememberKey);
      say(
        'カメラを使えません。QRコードの下のコードを入力してください。',
        'The camera cannot be used. Type the code under the QR code instead.',
      );
    }
  }

  start.addEventListener('click', scan);
  if (resume && sessionStorage.getItem(rememberKey) === 'on') scan();
})();
