// The shared map (src/platform/ui/map.tsx, decision 025): Leaflet over the configured tiles, with
// a keyboard-reachable marker for each point of the page's GeoJSON. The markers are ours and need
// no tile: when the tiles cannot load, the map says so and keeps working on its own data.
(() => {
  const figure = document.querySelector('[data-map]');
  const L = window.L;
  if (!figure || !L) return;
  const canvas = figure.querySelector('[data-map-canvas]');
  const status = figure.querySelector('[data-map-status]');
  const english = document.documentElement.lang === 'en';
  const words = {
    loading: ['地図を読み込んでいます…', 'Loading the map…'],
    shown: ['{n}件を地図に表示しています。', '{n} shown on the map.'],
    unplaced: ['位置が登録されていない{n}件は一覧のみです。', '{n} without a position are in the list only.'],
    noTiles: [
      '背景の地図を読み込めませんでした。印（マーカー）と一覧はそのまま使えます。',
      'The background map could not be loaded. The markers and the list still work.',
    ],
    failed: [
      '地図のデータを読み込めませんでした。一覧をご覧ください。',
      'The map data could not be loaded. Use the list.',
    ],
    zoomIn: ['拡大', 'Zoom in'],
    zoomOut: ['縮小', 'Zoom out'],
    close: ['閉じる', 'Close'],
  };
  const word = (key, n) => words[key][english ? 1 : 0].replace('{n}', String(n));
  let tilesFailed = false;
  const say = (...lines) => {
    status.textContent = [...lines, tilesFailed ? word('noTiles') : ''].filter(Boolean).join(' ');
  };

  canvas.hidden = false;
  // no fading or zooming animation: a popup is read (and checked for contrast) as soon as it opens,
  // and nobody who prefers reduced motion gets any
  const map = L.map(canvas, {
    zoomControl: false,
    fadeAnimation: false,
    zoomAnimation: false,
    markerZoomAnimation: false,
  });
  L.control.zoom({ zoomInTitle: word('zoomIn'), zoomOutTitle: word('zoomOut') }).addTo(map);
  const box = (figure.dataset.bounds || '').split(',').map(Number);
  if (box.length === 4 && box.every(Number.isFinite)) {
    map.fitBounds([
      [box[0], box[1]],
      [box[2], box[3]],
    ]);
  } else {
    map.setView([36.2, 138.25], 5);
  }
  const tiles = L.tileLayer(figure.dataset.tileUrl, {
    attribution: figure.dataset.tileAttribution,
    maxZoom: 19,
    // tile servers (OpenStreetMap's among them) refuse requests that do not say which site asks
    referrerPolicy: 'strict-origin-when-cross-origin',
  });
  let shown = [];
  tiles.on('tileerror', () => {
    if (tilesFailed) return;
    tilesFailed = true;
    figure.dataset.tiles = 'failed';
    say(...shown);
  });
  tiles.addTo(map);

  // a feature's `label` (a short figure, e.g. 「12」 or 「5未満」) is written on its marker
  const icon = (label) => {
    if (!label) return L.divIcon({ className: 'map-marker', iconSize: [22, 22] });
    const text = document.createElement('span');
    text.textContent = String(label);
    return L.divIcon({ className: 'map-marker map-marker-label', html: text, iconSize: null });
  };
  const marker = (feature, latlng) => {
    const name = String(feature.properties?.name ?? '');
    return L.marker(latlng, {
      icon: icon(feature.properties?.label),
      title: name,
      alt: name,
      keyboard: true,
    });
  };
  const popup = (feature) => {
    const p = feature.properties || {};
    const content = document.createElement('div');
    const name = document.createElement(p.url ? 'a' : 'strong');
    name.textContent = String(p.name ?? '');
    if (p.url) name.href = p.url;
    content.append(name);
    for (const line of [p.address, p.detail]) {
      if (!line) continue;
      const text = document.createElement('p');
      text.textContent = String(line);
      content.append(text);
    }
    return content;
  };

  say(word('loading'));
  fetch(figure.dataset.features, { headers: { accept: 'application/geo+json' } })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((collection) => {
      const features = collection.features || [];
      const placed = features.filter((f) => f.geometry && f.geometry.type === 'Point');
      const layer = L.geoJSON(
        { type: 'FeatureCollection', features: placed },
        {
          pointToLayer: marker,
          onEachFeature: (feature, m) => m.bindPopup(() => popup(feature), { closeButton: true }),
        },
      ).addTo(map);
      layer.eachLayer((m) => {
        const element = m.getElement();
        if (element) element.setAttribute('aria-label', m.options.title);
      });
      if (placed.length > 0) map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
      const unplaced = features.length - placed.length;
      shown = [word('shown', placed.length), unplaced > 0 ? word('unplaced', unplaced) : ''];
      figure.dataset.markers = String(placed.length);
      say(...shown);
    })
    .catch(() => {
      figure.dataset.markers = 'failed';
      say(word('failed'));
    });

  // a keyboard user who opens a marker lands on its link; Escape closes it
  map.on('popupopen', (event) => {
    const element = event.popup.getElement();
    element?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', word('close'));
    element?.querySelector('.leaflet-popup-content a')?.focus();
  });
})();
