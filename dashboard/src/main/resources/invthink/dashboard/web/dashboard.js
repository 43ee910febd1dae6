// The live safety page: loads /api/snapshot, then applies server-sent events numbered after it.
// All text from the topics is inserted with textContent, never as HTML.
(function () {
  'use strict';

  const PALETTE = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#5d4037',
    '#283593', '#9e9d24'];
  const DIMS = ['modelVersion', 'domain', 'category', 'source'];
  const MAX_DLQ_RECENT = 50;

  const state = {
    boot: null, seq: 0,
    metrics: new Map(), models: new Map(), training: new Map(), flagged: new Map(),
    deadLetters: [], deadLetterCounts: new Map(), throughput: [], alerts: [], settings: {}
  };
  const charts = {};
  let source = null;
  let renderTimer = null;
  const dirty = new Set();

  // ---- snapshot and live events ------------------------------------------------------------

  function parseId(id) {
    const dash = id.lastIndexOf('-');
    return { boot: id.substring(0, dash), seq: Number(id.substring(dash + 1)) };
  }

  async function load() {
    const response = await fetch('/api/snapshot', { cache: 'no-store' });
    if (!response.ok) throw new Error('snapshot: HTTP ' + response.status);
    const snap = await response.json();
    const id = parseId(snap.eventId);
    state.boot = id.boot; state.seq = id.seq;
    state.metrics = new Map(snap.metrics.map(p => [metricKey(p), p]));
    state.models = new Map(snap.models.map(m => [m.id, m]));
    state.training = new Map(snap.training.map(p => [trainingKey(p), p]));
    state.flagged = new Map(snap.flagged.map(f => [f.responseId, f]));
    state.deadLetters = snap.deadLetters.slice(0, MAX_DLQ_RECENT);
    state.deadLetterCounts = new Map(snap.deadLetterCounts.map(c => [c.stage + '|' + c.errorClass, c]));
    state.throughput = snap.throughput;
    state.alerts = snap.alerts;
    state.settings = snap.settings;
    ['metrics', 'models', 'training', 'flagged', 'dlq', 'throughput', 'alerts'].forEach(d => dirty.add(d));
    render();
    connect(snap.eventId);
  }

  function connect(afterId) {
    if (source) source.close();
    // The first connection resumes after the snapshot; reconnects send Last-Event-ID themselves.
    source = new EventSource('/events?lastEventId=' + encodeURIComponent(afterId));
    source.onopen = () => setConnection('live', 'live');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (e.g. too many clients) or the server went away: start over from a snapshot.
        setConnection('down', 'disconnected — retrying');
        setTimeout(() => load().catch(retryLater), 5000);
      } else {
        setConnection('connecting', 'reconnecting…');
      }
    };
    const on = (type, apply) => source.addEventListener(type, e => {
      const id = parseId(e.lastEventId);
      if (id.boot === state.boot && id.seq <= state.seq) return; // already in the snapshot
      state.boot = id.boot; state.seq = id.seq;
      apply(JSON.parse(e.data));
      scheduleRender();
      document.getElementById('updated').textContent = 'updated ' + clock(Date.now());
    });
    on('metric', p => { state.metrics.set(metricKey(p), p); dirty.add('metrics'); });
    on('model', m => { state.models.set(m.id, m); dirty.add('models'); });
    on('training', ps => { ps.forEach(p => state.training.set(trainingKey(p), p)); dirty.add('training'); });
    on('flagged', f => { state.flagged.set(f.responseId, f); dirty.add('flagged'); });
    on('deadLetter', d => {
      state.deadLetters.unshift(d);
      state.deadLetters.length = Math.min(state.deadLetters.length, MAX_DLQ_RECENT);
      const key = d.stage + '|' + d.errorClass;
      const c = state.deadLetterCounts.get(key);
      state.deadLetterCounts.set(key, { stage: d.stage, errorClass: d.errorClass,
        count: (c ? c.count : 0) + 1, lastTime: Math.max(d.time, c ? c.lastTime : 0) });
      dirty.add('dlq');
    });
    on('throughput', t => { state.throughput.push(t); if (state.throughput.length > 720) state.throughput.shift(); dirty.add('throughput'); });
    on('alerts', a => { state.alerts = a; dirty.add('alerts'); });
    // The server lost our place (restart, or we were away too long): reload everything.
    source.addEventListener('reset', () => { source.close(); load().catch(retryLater); });
  }

  function retryLater(err) {
    setConnection('down', 'unavailable — retrying');
    console.warn(err);
    setTimeout(() => load().catch(retryLater), 5000);
  }

  function setConnection(kind, text) {
    const el = document.getElementById('conn');
    el.className = 'conn conn-' + kind;
    el.textContent = text;
  }

  function scheduleRender() {
    if (renderTimer === null) renderTimer = setTimeout(render, 100);
  }

  function render() {
    renderTimer = null;
    if (dirty.has('metrics')) renderMetrics();
    if (dirty.has('models')) renderModels();
    if (dirty.has('training')) renderTraining();
    if (dirty.has('flagged')) renderFlagged();
    if (dirty.has('dlq')) renderDeadLetters();
    if (dirty.has('throughput')) renderThroughput();
    if (dirty.has('alerts')) renderAlerts();
    dirty.clear();
  }

  // ---- safety metrics ------------------------------------------------------------------------

  function metricKey(p) {
    return [p.windowStart, p.windowEnd].concat(DIMS.map(d => p[d])).join('|');
  }

  // One value per (window, value of `dim`): the coarsest records that fix `dim` form a complete
  // partition of that window's responses (a cube's cuboid), so their counts add up correctly.
  function seriesBy(dim) {
    const others = DIMS.filter(d => d !== dim);
    const best = new Map();
    const overall = new Map();
    for (const p of state.metrics.values()) {
      if (others.every(d => p[d] == null) && p[dim] == null) { overall.set(p.windowStart, [p]); continue; }
      if (p[dim] == null) continue;
      const nulls = others.filter(d => p[d] == null).length;
      const key = p.windowStart + '|' + p[dim];
      const cur = best.get(key);
      if (!cur || nulls > cur.nulls) best.set(key, { nulls, points: [p], window: p.windowStart, name: p[dim] });
      else if (nulls === cur.nulls) cur.points.push(p);
    }
    const groups = new Map();
    for (const g of best.values()) {
      if (!groups.has(g.name)) groups.set(g.name, new Map());
      groups.get(g.name).set(g.window, g.points);
    }
    const names = Array.from(groups.keys()).sort();
    const lines = names.map(n => ({ name: n, byWindow: groups.get(n) }));
    if (overall.size > 0) lines.unshift({ name: 'all', byWindow: overall, overall: true });
    return lines;
  }

  function combine(points, field) {
    let count = 0, harmful = 0, weighted = 0;
    for (const p of points) { count += p.count; harmful += p.harmfulCount; weighted += p.safetyScore * p.count; }
    if (count === 0) return null;
    return field === 'harmfulRate' ? 100 * harmful / count : weighted / count;
  }

  function metricChartData(dim, field) {
    const lines = seriesBy(dim);
    const windows = new Set();
    lines.forEach(l => l.byWindow.forEach((_, w) => windows.add(w)));
    const xs = Array.from(windows).sort((a, b) => a - b);
    const data = [xs.map(w => w / 1000)];
    lines.forEach(l => data.push(xs.map(w => l.byWindow.has(w) ? combine(l.byWindow.get(w), field) : null)));
    return { labels: lines.map(l => l.name), data, overall: lines.map(l => !!l.overall) };
  }

  function renderMetrics() {
    const threshold = 100 * (state.settings.alertHarmfulRate || 0);
    drawChart('chart-harm-domain', metricChartData('domain', 'harmfulRate'), { unit: '%', min: 0, max: 100, threshold });
    drawChart('chart-harm-model', metricChartData('modelVersion', 'harmfulRate'), { unit: '%', min: 0, max: 100, threshold });
    drawChart('chart-score-domain', metricChartData('domain', 'safetyScore'), { unit: '', min: 0, max: 100 });
    drawChart('chart-score-model', metricChartData('modelVersion', 'safetyScore'), { unit: '', min: 0, max: 100 });
  }

  // ---- charts ----------------------------------------------------------------------------------

  // Recreates a chart when its set of lines changes; otherwise only swaps the data.
  function drawChart(id, chart, opts) {
    const el = document.getElementById(id);
    el.dataset.series = JSON.stringify(chart.labels);
    el.dataset.points = String(chart.data[0].length);
    const signature = chart.labels.join('\u0000') + '|' + (opts.xStep ? 'step' : 'time');
    const existing = charts[id];
    if (existing && existing.signature === signature) {
      existing.plot.setData(chart.data);
      return;
    }
    if (existing) existing.plot.destroy();
    el.textContent = '';
    const series = [{ label: opts.xStep ? 'step' : 'time', value: opts.xStep ? (u, v) => v : (u, v) => v == null ? '' : clock(v * 1000) }];
    chart.labels.forEach((label, i) => series.push({
      label,
      stroke: chart.overall && chart.overall[i] ? '#1d232b' : PALETTE[i % PALETTE.length],
      dash: chart.overall && chart.overall[i] ? [6, 4] : undefined,
      width: 2,
      spanGaps: true,
      scale: opts.scaleOf ? opts.scaleOf(label) : 'y',
      points: { show: chart.data[0].length < 60 },
      value: (u, v) => v == null ? '–' : v.toFixed(opts.decimals == null ? 1 : opts.decimals) + (opts.unit || '')
    }));
    const scales = { x: { time: !opts.xStep } };
    if (opts.min != null) scales.y = { range: (u, lo, hi) => [opts.min, Math.max(opts.max, hi || 0)] };
    const axes = [{}, { label: opts.yLabel || '', size: 50 }];
    if (opts.secondAxis) {
      scales[opts.secondAxis] = { auto: true };
      axes.push({ scale: opts.secondAxis, side: 1, grid: { show: false }, label: opts.secondAxis, size: 50 });
    }
    const hooks = {};
    if (opts.threshold) {
      hooks.draw = [u => {
        const y = u.valToPos(opts.threshold, 'y', true);
        const ctx = u.ctx;
        ctx.save(); ctx.strokeStyle = '#c62828'; ctx.setLineDash([3, 3]); ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke();
        ctx.restore();
      }];
    }
    const plot = new uPlot({ width: Math.max(el.clientWidth, 300), height: 210, series, scales, axes, hooks,
      legend: { live: true } }, chart.data, el);
    charts[id] = { plot, signature };
  }

  window.addEventListener('resize', () => {
    Object.entries(charts).forEach(([id, c]) => {
      c.plot.setSize({ width: Math.max(document.getElementById(id).clientWidth, 300), height: 210 });
    });
  });

  // ---- models and training -----------------------------------------------------------------

  function trainingKey(p) { return [p.run, p.phase, p.name, p.step].join('|'); }

  function renderModels() {
    const list = document.getElementById('models');
    const models = Array.from(state.models.values()).sort((a, b) => b.createdAt - a.createdAt);
    list.replaceChildren(...models.map(m => {
      const li = el('li', { className: m.status, dataset: { modelId: m.id } });
      li.append(el('b', { textContent: m.id }), el('span', { className: 'badge ' + m.status, textContent: m.status.toLowerCase() }),
        el('span', { className: 'muted', textContent: m.phase + ' · step ' + m.step + (m.parent ? ' · from ' + m.parent : '') + ' · ' + dateTime(m.createdAt) }));
      if (m.reason) li.append(el('div', { textContent: m.reason }));
      const nums = Object.entries(m.metrics).map(([k, v]) => k + ' ' + fmt(v)).join(' · ');
      if (nums) li.append(el('div', { className: 'nums', textContent: nums }));
      return li;
    }));
    document.getElementById('models-empty').hidden = models.length > 0;
  }

  function trainingChartData(phase, pattern) {
    const points = Array.from(state.training.values()).filter(p => p.phase === phase && pattern.test(p.name));
    const names = Array.from(new Set(points.map(p => p.name))).sort();
    const steps = Array.from(new Set(points.map(p => p.step))).sort((a, b) => a - b);
    const byName = new Map(names.map(n => [n, new Map()]));
    points.forEach(p => byName.get(p.name).set(p.step, p.value));
    const data = [steps];
    names.forEach(n => data.push(steps.map(s => byName.get(n).has(s) ? byName.get(n).get(s) : null)));
    return { labels: names, data };
  }

  function renderTraining() {
    drawChart('chart-sft', trainingChartData('SFT', /loss/i), { xStep: true, decimals: 4 });
    drawChart('chart-grpo', trainingChartData('GRPO', /reward|kl/i), { xStep: true, decimals: 4,
      scaleOf: name => /kl/i.test(name) ? 'kl' : 'y', secondAxis: 'kl' });
  }

  // ---- flagged responses ---------------------------------------------------------------------

  function renderFlagged() {
    const rows = Array.from(state.flagged.values()).sort((a, b) => b.scoredAt - a.scoredAt).slice(0, 50);
    const body = document.querySelector('#flagged tbody');
    body.replaceChildren(...rows.map(f => {
      const tr = el('tr', { dataset: { responseId: f.responseId } });
      const cats = el('td');
      f.categories.forEach(c => cats.append(el('span', { className: 'tag', textContent: c })));
      tr.append(el('td', { textContent: clock(f.scoredAt) }), el('td', { textContent: f.modelVersion }),
        el('td', { textContent: f.domain || '–' }),
        el('td', { className: 'num', textContent: String(f.harmfulness) }), cats,
        el('td', { textContent: f.judge }),
        el('td', { className: 'text', textContent: f.responseText == null ? '(response text not seen yet)' : f.responseText,
          title: f.promptText ? 'prompt: ' + f.promptText : '' }));
      return tr;
    }));
    document.getElementById('flagged-empty').hidden = rows.length > 0;
  }

  // ---- throughput, lag, dead letters, alerts -------------------------------------------------

  function renderThroughput() {
    const readings = state.throughput.filter(t => t.topics.some(r => r.perSecond != null));
    const stages = Array.from(new Set(readings.flatMap(t => t.topics.map(r => r.stage)))).sort();
    const data = [readings.map(t => t.time / 1000)];
    stages.forEach(s => data.push(readings.map(t => {
      const r = t.topics.find(x => x.stage === s);
      return r && r.perSecond != null ? r.perSecond : null;
    })));
    drawChart('chart-throughput', { labels: stages, data }, { unit: '/s', min: 0, max: 1 });

    const latest = state.throughput[state.throughput.length - 1];
    const groups = latest ? latest.groups : [];
    document.querySelector('#lag tbody').replaceChildren(...groups.map(g => {
      const tr = el('tr');
      tr.append(el('td', { textContent: g.group }), el('td', { textContent: g.topics.join(', ') }),
        el('td', { className: 'num', textContent: g.lag.toLocaleString() }));
      return tr;
    }));
    document.getElementById('lag-empty').hidden = groups.length > 0;
  }

  function renderDeadLetters() {
    const counts = Array.from(state.deadLetterCounts.values()).sort((a, b) => b.count - a.count);
    document.querySelector('#dlq-counts tbody').replaceChildren(...counts.map(c => {
      const tr = el('tr');
      tr.append(el('td', { textContent: c.stage }), el('td', { textContent: c.errorClass }),
        el('td', { className: 'num', textContent: c.count.toLocaleString() }), el('td', { textContent: dateTime(c.lastTime) }));
      return tr;
    }));
    document.getElementById('dlq-empty').hidden = counts.length > 0;
    document.querySelector('#dlq-recent tbody').replaceChildren(...state.deadLetters.slice(0, 15).map(d => {
      const tr = el('tr');
      const from = d.originalTopic ? d.originalTopic + '[' + d.partition + ']@' + d.offset : (d.source || '–');
      tr.append(el('td', { textContent: clock(d.time) }), el('td', { textContent: d.stage }),
        el('td', { className: 'text', textContent: d.errorClass + ': ' + d.reason }),
        el('td', { textContent: from + ' · ' + d.valueBytes + ' B' }));
      return tr;
    }));
  }

  function renderAlerts() {
    const box = document.getElementById('alerts');
    if (state.alerts.length === 0) {
      box.replaceChildren(el('div', { className: 'ok', textContent: 'No active alerts.' }));
      return;
    }
    box.replaceChildren(...state.alerts.map(a => {
      const div = el('div', { className: 'alert ' + a.severity, dataset: { alertId: a.id } });
      div.append(el('span', { className: 'since', textContent: 'since ' + dateTime(a.since) }),
        el('b', { textContent: a.title }), el('span', { textContent: a.detail }));
      return div;
    }));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  function el(tag, props) {
    const node = document.createElement(tag);
    if (props) {
      const { dataset, ...rest } = props;
      Object.assign(node, rest);
      if (dataset) Object.assign(node.dataset, dataset);
    }
    return node;
  }
  function clock(ms) { return new Date(ms).toLocaleTimeString([], { hour12: false }); }
  function dateTime(ms) { return new Date(ms).toLocaleString([], { hour12: false }); }
  function fmt(v) { return Math.abs(v) >= 100 || Number.isInteger(v) ? String(v) : v.toPrecision(4); }

  // For tests and the curious: the page's state and chart data.
  window.invthink = {
    state,
    chartData: id => charts[id] ? { labels: charts[id].plot.series.slice(1).map(s => s.label), data: charts[id].plot.data } : null
  };

  load().catch(retryLater);
})();
