// The session's join code, big, and a QR code of its join URL (drawn by the qrcode library on a canvas), for a room
// to scan from the projector or the console.
import QRCode from 'qrcode';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { hrefOf } from '../routes';

/** The address participants open: this server's /join/<code>. */
export const joinUrl = (code: string) => new URL(hrefOf({ page: 'join', code }), window.location.origin).toString();

export function JoinQr({ code, size = 200 }: { code: string; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const url = joinUrl(code);
  useEffect(() => {
    const drawn = canvas.current;
    if (!drawn) return;
    // Drawn asynchronously: `data-drawn` names the address once the code on the canvas is that address's.
    delete drawn.dataset.drawn;
    void QRCode.toCanvas(drawn, url, { width: size, margin: 2, errorCorrectionLevel: 'M' }).then(() => {
      drawn.dataset.drawn = url;
    });
  }, [url, size]);
  return (
    <div class="join-qr">
      <p class="join-code" data-code={code} aria-label={t('session.code')}>
        {code}
      </p>
      <canvas ref={canvas} class="qr" data-url={url} width={size} height={size} />
      <p class="join-url">{url}</p>
    </div>
  );
}
