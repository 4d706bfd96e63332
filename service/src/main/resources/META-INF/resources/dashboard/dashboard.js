// The quality dashboard: the exercise table (/api/quality/table) and, for one exercise or all, the
// daily series (/api/quality/series): mean log-likelihood of the active model and of the candidate,
// samples per day, days where the active version changed marked. CSV links ask the same endpoints.
'use strict';

const state = { rows: [], sortKey: 'samples', asc: false, exercise: '', charts: {} };
const $ = (id) => document.getElementById(id);
const num = (v) => (v === 'NaN' || v === undefined || v === null) ? NaN : Number(v);
const fmt = (v, d = 4) => Number.isFinite(v) ? v.toFixed(d) : '–';

function isoDay(date) { return date.toISOString().slice(0, 10); }

function range() { return `from=${$('from').value}&to=${$('to').value}`; }

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) { throw new Error(`${url}: ${r.status} ${await r.text()}`); }
  return r.json();
}

function showError(e) { $('error').hidden = false; $('error').textContent = String(e.message || e); }

async function loadTable() {
  const t = await getJson(`/api/quality/table?${range()}`);
  $('active-version').textContent = t.active_version;
  $('candidate-version').textContent = t.candidate_version || 'none';
  $('table-csv').href = `/api/quality/table.csv?${range()}`;
  const line = (r) => ({
    exercise: r.exercise || '', samples: num(r.samples || 0), mean_log_likelihood: num(r.mean_log_likelihood),
    log_likelihood_change: num(r.log_likelihood_change), candidate_gain: num(r.candidate_gain),
    fallback_samples: num(r.fallback_samples || 0),
  });
  state.rows = t.rows.map(line);
  state.overall = t.overall ? line(t.overall) : null;
  renderTable();
}

function renderTable() {
  const key = state.sortKey;
  const sign = state.asc ? 1 : -1;
  const rows = [...state.rows].sort((a, b) => {
    if (key === 'exercise') { return sign * b.exercise.localeCompare(a.exercise); }
    const x = Number.isFinite(a[key]) ? a[key] : -Infinity;
    const y = Number.isFinite(b[key]) ? b[key] : -Infinity;
    return sign * (x - y) || a.exercise.localeCompare(b.exercise);
  });
  const body = document.querySelector('#exercise-table tbody');
  body.replaceChildren();
  // The over-all line first, whatever the sort: its figures come from the same cells as the rows'.
  const all = { ...(state.overall || { samples: 0, mean_log_likelihood: NaN, log_likelihood_change: NaN,
    candidate_gain: NaN, fallback_samples: 0 }), exercise: '', label: '(all exercises)' };
  for (const r of [all, ...rows]) {
    const tr = document.createElement('tr');
    tr.dataset.exercise = r.exercise;
    if (r.exercise === state.exercise) { tr.classList.add('selected'); }
    const cells = [r === all ? r.label : r.exercise, String(r.samples), fmt(r.mean_log_likelihood),
      fmt(r.log_likelihood_change), fmt(r.candidate_gain), String(r.fallback_samples)];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (i > 0) { td.className = 'num'; }
      tr.appendChild(td);
    });
    tr.addEventListener('click', () => { state.exercise = r.exercise; renderTable(); loadSeries(); });
    body.appendChild(tr);
  }
  document.querySelectorAll('#exercise-table th').forEach((th) => {
    th.classList.toggle('sorted', th.dataset.key === key);
    th.classList.toggle('asc', th.dataset.key === key && state.asc);
  });
}

/** Per day: the active model's figures (whatever version was active) and the candidate's, and the active versions. */
function byDay(points, from, to) {
  const days = [];
  for (let d = new Date(from + 'T00:00:00Z'); isoDay(d) <= to; d.setUTCDate(d.getUTCDate() + 1)) { days.push(isoDay(d)); }
  const cell = () => ({ samples: 0, ll: 0, versions: new Set() });
  const active = Object.fromEntries(days.map((d) => [d, cell()]));
  const candidate = Object.fromEntries(days.map((d) => [d, cell()]));
  for (const p of points) {
    const into = p.role === 'MODEL_ROLE_ACTIVE' ? active : candidate;
    const c = into[p.day];
    if (!c) { continue; }
    c.samples += num(p.samples);
    c.ll += num(p.sum_log_likelihood);
    c.versions.add(p.model_version);
  }
  return { days, active, candidate };
}

/** Days where the set of active versions differs from the day before with answers: a model change. */
function changes(days, active) {
  const out = [];
  let before = null;
  for (const d of days) {
    const v = [...active[d].versions].sort().join(', ');
    if (!v) { continue; }
    if (before !== null && v !== before) { out.push({ day: d, versions: v }); }
    before = v;
  }
  return out;
}

// Draws a dashed vertical line at each model change (a few lines of plugin, no annotation library).
const changeLines = {
  id: 'changeLines',
  afterDatasetsDraw(chart, args, opts) {
    const x = chart.scales.x;
    const { top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#c33';
    ctx.setLineDash([4, 4]);
    ctx.fillStyle = '#c33';
    for (const c of opts.changes || []) {
      const px = x.getPixelForValue(c.day);
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, bottom);
      ctx.stroke();
      const nearRight = px > chart.chartArea.right - 160; // keep the label inside the plot
      ctx.textAlign = nearRight ? 'right' : 'left';
      ctx.fillText(c.versions, nearRight ? px - 4 : px + 4, top + 12);
    }
    ctx.restore();
  },
};

function draw(id, config) {
  if (state.charts[id]) { state.charts[id].destroy(); }
  state.charts[id] = new Chart($(id), config);
}

async function loadSeries() {
  const ex = state.exercise;
  const q = `exercise=${encodeURIComponent(ex)}&${range()}`;
  $('download-csv').href = `/api/quality/series.csv?${q}`;
  $('series-title').textContent = ex === '' ? 'All exercises' : ex;
  const s = await getJson(`/api/quality/series?${q}`);
  const { days, active, candidate } = byDay(s.points, s.from_day, s.to_day);
  const marks = changes(days, active);
  const mean = (c) => c.samples ? c.ll / c.samples : null;
  draw('ll-chart', {
    type: 'line',
    data: {
      labels: days,
      datasets: [
        { label: 'active: mean log-likelihood', data: days.map((d) => mean(active[d])), borderColor: '#1f5fbf',
          backgroundColor: '#1f5fbf', spanGaps: true },
        { label: 'candidate: mean log-likelihood', data: days.map((d) => mean(candidate[d])), borderColor: '#e08a00',
          backgroundColor: '#e08a00', borderDash: [6, 3], spanGaps: true },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, plugins: { changeLines: { changes: marks } },
               scales: { y: { title: { display: true, text: 'nats per answer (higher is better)' } } } },
    plugins: [changeLines],
  });
  draw('samples-chart', {
    type: 'bar',
    data: { labels: days, datasets: [
      { label: 'samples (active)', data: days.map((d) => active[d].samples), backgroundColor: '#8fb3e8' },
      { label: 'samples (candidate)', data: days.map((d) => candidate[d].samples), backgroundColor: '#f3c47a' },
    ] },
    options: { animation: false, maintainAspectRatio: false, plugins: { changeLines: { changes: marks } } },
    plugins: [changeLines],
  });
  $('changes').replaceChildren(...marks.map((m) => {
    const li = document.createElement('li');
    li.textContent = `${m.day}: active ${m.versions}`;
    return li;
  }));
  document.body.dataset.exercise = ex;
  document.body.dataset.ready = String(Date.now());
}

async function reload() {
  $('error').hidden = true;
  try {
    await loadTable();
    await loadSeries();
  } catch (e) {
    showError(e);
  }
}

document.querySelectorAll('#exercise-table th').forEach((th) => th.addEventListener('click', () => {
  state.asc = state.sortKey === th.dataset.key ? !state.asc : th.dataset.key === 'exercise';
  state.sortKey = th.dataset.key;
  renderTable();
}));
$('range').addEventListener('submit', (e) => { e.preventDefault(); reload(); });
const today = new Date();
$('to').value = isoDay(today);
$('from').value = isoDay(new Date(today.getTime() - 29 * 86400000));
reload();
