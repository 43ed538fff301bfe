// For a host page that frames a calculator: sizes each
// <iframe data-policy-calculator src=".../frame.html?..."> to its content.
// Only messages from that iframe's own window and origin are believed.

function sizeFrames() {
  window.addEventListener('message', (event) => {
    if (event.data?.type !== 'policy-calculator:height') return;
    for (const frame of document.querySelectorAll('iframe[data-policy-calculator]')) {
      if (event.source !== frame.contentWindow) continue;
      if (event.origin !== new URL(frame.src, location.href).origin) continue;
      const height = Number(event.data.height);
      if (Number.isFinite(height) && height > 0 && height < 100000) frame.style.height = `${Math.ceil(height)}px`;
    }
  });
}

sizeFrames();
