/* global document, window, location, history, EventSource, URLSearchParams, fetch */
/*
 * The wall-monitor page's script: plain JS, no build step. Figures arrive over server-sent events (no polling);
 * the clock, the longest wait and each agent's time in state tick here every second from the server's time, so a
 * wall PC with a wrong clock still shows the right durations.
 */

const config = JSON.parse(document.getElementById('wallboard-config').textContent);
const labels = config.labels;
const body = document.body;

/** A dead connection can look open for minutes; the server pings every 15 s, so silence this long means reconnect. */
const SILENCE_MS = 45_000;
const STATE_ORDER = ['ringing', 'talking', 'outbound', 'dialing', 'ready', 'acw', 'break', 'offline'];
/** Layouts of the agent list, smallest first: the first that holds everyone is used (bigger cards when few). */
const AGENT_GRIDS = [
  [3, 2],
  [3, 3],
  [4, 3],
  [5, 4],
  [6, 5],
  [7, 6],
  [8, 7],
  [9, 8],
];

// The token comes once in the address; the server has set a cookie, so take it out of the address bar (nobody
// photographs it on the wall) and keep it only for this page's own requests.
const params = new URLSearchParams(location.search);
const token = params.get('token');
if (token) {
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
}
const authQuery = token ? `?token=${encodeURIComponent(token)}` : '';

const localeTag = config.locale === 'ko' ? 'ko-KR' : 'en-GB';
const integer = new Intl.NumberFormat(localeTag, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(localeTag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const clockFormat = safeDateFormat({
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
// The business day is a calendar date (YYYY-MM-DD), not an instant: format it in UTC so no time zone shifts it.
const dayFormat = new Intl.DateTimeFormat(localeTag, { timeZone: 'UTC', month: 'long', day: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat(localeTag, { timeZone: 'UTC', weekday: 'short' });

function safeDateFormat(options) {
  try {
    return new Intl.DateTimeFormat(localeTag, { ...options, timeZone: config.timeZone });
  } catch {
    return new Intl.DateTimeFormat(localeTag, options);
  }
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

let latest; // the last service snapshot
let serverOffsetMs = 0; // server clock minus this PC's clock
let lastMessageAt = Date.now();

const serverNow = () => Date.now() + serverOffsetMs;

// ---- Rendering ----

function fields(name) {
  return document.querySelectorAll(`[data-field="${name}"]`);
}

/** Sets a figure; `unit` is drawn smaller beside it (%, s). Text only, never HTML: names come from the PBX. */
function setValue(name, text, unit) {
  for (const element of fields(name)) {
    if (element.dataset.text === text + (unit ?? '')) continue;
    element.dataset.text = text + (unit ?? '');
    if (!unit) {
      element.textContent = text;
      continue;
    }
    // One inline box for figure and unit, so the tile's flex layout keeps them on one baseline.
    const figure = document.createElement('span');
    figure.textContent = text;
    const small = document.createElement('span');
    small.className = 'unit';
    small.textContent = unit;
    figure.append(small);
    element.replaceChildren(figure);
  }
}

function setLevel(metric, level) {
  for (const tile of document.querySelectorAll(`[data-metric="${metric}"]`)) {
    tile.classList.toggle('is-good', level === 'good');
    tile.classList.toggle('is-warn', level === 'warn');
    tile.classList.toggle('is-bad', level === 'bad');
  }
}

function duration(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function showBusinessDay(businessDay) {
  const day = new Date(`${businessDay}T00:00:00Z`);
  document.getElementById('business-day').textContent = Number.isNaN(day.getTime())
    ? businessDay
    : config.locale === 'ko'
      ? `${dayFormat.format(day)} (${weekdayFormat.format(day)})`
      : `${weekdayFormat.format(day)} ${dayFormat.format(day)}`;
}

function render(service) {
  const t = service.thresholds;
  document.getElementById('service-name').textContent = service.name;
  document.title = fill(labels['wallboard.title'], { name: service.name });
  showBusinessDay(service.businessDay);

  setValue('waiting', integer.format(service.waiting));
  for (const hero of document.querySelectorAll('.hero'))
    hero.classList.toggle('is-idle', service.waiting === 0);
  setValue('inbound', integer.format(service.inbound));
  setValue('answered', integer.format(service.answered));
  setValue('abandoned', integer.format(service.abandoned));
  const exits = Object.values(service.exited).reduce((sum, n) => sum + n, 0);
  setValue(
    'otherExits',
    exits > 0 ? fill(labels['wallboardPage.otherExits'], { count: integer.format(exits) }) : '',
  );

  // Rates are undefined before the first call of the day: show a dash, not a red 0 %.
  const noCalls = service.inbound === 0;
  setValue('answerRate', noCalls ? '–' : oneDecimal.format(service.answerRate), noCalls ? '' : '%');
  setValue('serviceLevel', noCalls ? '–' : oneDecimal.format(service.serviceLevel), noCalls ? '' : '%');
  setValue(
    'serviceLevelLabel',
    fill(labels['wallboard.serviceLevel'], { seconds: service.serviceLevelThresholdSeconds }),
  );
  setValue(
    'serviceLevelWithin',
    fill(labels['wallboardPage.slThreshold'], { seconds: service.serviceLevelThresholdSeconds }),
  );
  setValue(
    'serviceLevelTarget',
    fill(labels['wallboardPage.slTarget'], { target: t.serviceLevelTargetPercent }),
  );
  setLevel(
    'service-level',
    noCalls ? 'none' : service.serviceLevel < t.serviceLevelTargetPercent ? 'bad' : 'good',
  );
  setValue('asa', service.answered === 0 ? '–' : duration(Math.round(service.averageSpeedOfAnswerSeconds)));
  setValue('longWaitAt', fill(labels['wallboardPage.longWaitAt'], { seconds: t.longWaitWarningSeconds }));

  const a = service.agents;
  setValue('loggedIn', integer.format(a.loggedIn));
  setValue('ready', integer.format(a.ready));
  setValue('inConversation', integer.format(a.inConversation));
  setValue('outbound', integer.format(a.outbound));
  setValue('breakOrAcw', integer.format(a.breakOrAcw));

  renderAgents(service.agentList);
  tick();
}

/**
 * A person in several services: the guide's two tables, one row per service. Each cell carries its column's name,
 * so a phone can show a row as a card of labelled figures.
 */
function renderTables(services) {
  const percent = (service, value) => (service.inbound === 0 ? '–' : `${oneDecimal.format(value)}%`);
  const level = (service) =>
    service.inbound === 0
      ? 'none'
      : service.serviceLevel < service.thresholds.serviceLevelTargetPercent
        ? 'bad'
        : 'good';
  const rows = {
    'service-table': (s) => [
      s.name,
      integer.format(s.waiting),
      integer.format(s.inbound),
      integer.format(s.answered),
      integer.format(s.abandoned),
      percent(s, s.answerRate),
      percent(s, s.serviceLevel),
    ],
    'agent-table': (s) => [
      s.name,
      integer.format(s.waiting),
      integer.format(s.agents.loggedIn),
      integer.format(s.agents.ready),
      integer.format(s.agents.inConversation),
      integer.format(s.agents.outbound),
      integer.format(s.agents.breakOrAcw),
      percent(s, s.answerRate),
      percent(s, s.serviceLevel),
    ],
  };
  for (const [id, cellsOf] of Object.entries(rows)) {
    const table = document.getElementById(id);
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const trs = services.map((service) => {
      const tr = document.createElement('tr');
      tr.dataset.service = service.id;
      cellsOf(service).forEach((text, column) => {
        const cell = document.createElement(column === 0 ? 'th' : 'td');
        if (column === 0) cell.scope = 'row';
        cell.dataset.label = headings[column];
        cell.textContent = text;
        tr.append(cell);
      });
      const levelCell = tr.lastElementChild;
      levelCell.classList.add(`level-${level(service)}`);
      levelCell.title = fill(labels['wallboardPage.slThreshold'], {
        seconds: service.serviceLevelThresholdSeconds,
      });
      tr.children[1].classList.toggle('is-waiting', service.waiting > 0);
      return tr;
    });
    table.tBodies[0].replaceChildren(...trs);
  }
}

function renderAgents(agentList) {
  const list = document.getElementById('agent-list');
  const working = agentList
    .filter((agent) => agent.state !== 'offline')
    .sort(
      (x, y) =>
        STATE_ORDER.indexOf(x.state) - STATE_ORDER.indexOf(y.state) ||
        Date.parse(x.since) - Date.parse(y.since) ||
        x.name.localeCompare(y.name),
    );
  const [cols, rows] = AGENT_GRIDS.find(([c, r]) => c * r >= working.length) ?? AGENT_GRIDS.at(-1);
  list.style.setProperty('--cols', String(cols));
  list.style.setProperty('--rows', String(rows));
  const capacity = cols * rows;
  const shown = working.length > capacity ? working.slice(0, capacity - 1) : working;

  const items = shown.map((agent) => {
    const item = document.createElement('li');
    item.className = `agent state-${agent.state}`;
    item.dataset.agent = agent.id;
    const part = (className, text) => {
      const span = document.createElement('span');
      span.className = className;
      span.textContent = text;
      item.append(span);
      return span;
    };
    // An agent no member claims is shown by their PBX id; its channel prefix (SIP/, PJSIP/, Local/) tells nobody apart.
    part('agent-name', agent.name === agent.id ? agent.id.replace(/^[A-Za-z]+\//, '') : agent.name).title =
      agent.name;
    part(
      'agent-answered',
      fill(labels['wallboardPage.answeredCount'], { count: integer.format(agent.answered) }),
    );
    part('agent-state', labels[`wallboard.state.${agent.state}`] ?? agent.state);
    const time = part('agent-time', '');
    time.dataset.since = agent.since;
    return item;
  });
  if (working.length > shown.length) {
    const more = document.createElement('li');
    more.className = 'agent-more';
    more.textContent = fill(labels['wallboardPage.moreAgents'], { count: working.length - shown.length });
    items.push(more);
  }
  if (working.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'agent-empty';
    empty.textContent = labels['wallboard.noAgents'];
    items.push(empty);
  }
  list.replaceChildren(...items);
}

/** Every second: the clock, the longest wait and the agents' time in state, counted on from the last snapshot. */
function tick() {
  const now = serverNow();
  document.getElementById('clock').textContent = clockFormat.format(new Date(now));
  if (!latest) return;
  const { service, generatedAtMs } = latest;
  const longest = service.waiting > 0 ? service.longestWaitSeconds + (now - generatedAtMs) / 1000 : 0;
  setValue('longestWait', service.waiting > 0 ? duration(longest) : '–');
  const warnAt = service.thresholds.longWaitWarningSeconds;
  // Amber from the warning threshold, red from twice it: a supervisor sees "getting long" before "too long".
  setLevel(
    'longest-wait',
    service.waiting === 0 ? 'none' : longest >= 2 * warnAt ? 'bad' : longest >= warnAt ? 'warn' : 'none',
  );
  for (const element of document.querySelectorAll('.agent-time')) {
    element.textContent = duration((now - Date.parse(element.dataset.since)) / 1000);
  }
}

// ---- Views ----

function startRotation() {
  const progress = document.getElementById('rotate-progress');
  const restartProgress = () => {
    progress.classList.remove('running');
    void progress.offsetWidth; // restarts the CSS animation
    progress.classList.add('running');
  };
  restartProgress();
  window.setInterval(() => {
    body.dataset.view = body.dataset.view === 'services' ? 'agents' : 'services';
    restartProgress();
  }, config.rotateSeconds * 1000);
}

// ---- Live stream ----

let source;
let retryMs = 2000;
let retryTimer;

/** Figures older than this, with the stream down, are dimmed: a wall must not look live when it is not. */
const STALE_MS = 20_000;
let lostAt;

function setConnected(connected) {
  document.getElementById('reconnecting').hidden = connected;
  if (connected) lostAt = undefined;
  else lostAt ??= Date.now();
  body.dataset.stale = String(!connected && Date.now() - lostAt > STALE_MS);
}

function onSnapshot(event) {
  const data = JSON.parse(event.data);
  const service = data.services[0];
  if (!service) return;
  const generatedAtMs = Date.parse(data.generatedAt);
  serverOffsetMs = generatedAtMs - Date.now();
  lastMessageAt = Date.now();
  retryMs = 2000;
  setConnected(true);
  if (body.dataset.layout === 'table') {
    showBusinessDay(service.businessDay);
    renderTables(data.services);
    tick();
    return;
  }
  latest = { service, generatedAtMs };
  render(service);
}

function connect() {
  window.clearTimeout(retryTimer);
  source?.close();
  lastMessageAt = Date.now();
  source = new EventSource(`/wallboard/events${authQuery}`);
  source.addEventListener('snapshot', onSnapshot);
  source.addEventListener('ping', () => {
    lastMessageAt = Date.now();
    setConnected(true);
  });
  // The link was revoked or ran out while the page was open: reload, and the server says which.
  source.addEventListener('denied', () => {
    source.close();
    location.reload();
  });
  source.addEventListener('error', () => {
    setConnected(false);
    // The browser retries a dropped stream itself; a refused one (an error status) it gives up on, so we retry.
    if (source.readyState === EventSource.CLOSED) scheduleRetry();
  });
}

function scheduleRetry() {
  window.clearTimeout(retryTimer);
  retryTimer = window.setTimeout(async () => {
    try {
      const response = await fetch(`/wallboard/data${authQuery}`, { cache: 'no-store' });
      if (response.status === 401) {
        location.reload();
        return;
      }
    } catch {
      // Server unreachable: try the stream again below, a little later each time.
    }
    retryMs = Math.min(retryMs * 2, 30_000);
    connect();
  }, retryMs);
}

if (body.dataset.mode === 'live') {
  if (config.view === 'rotate') startRotation();
  connect();
  tick();
  window.setInterval(() => {
    tick();
    if (lostAt !== undefined) setConnected(false);
    if (Date.now() - lastMessageAt > SILENCE_MS) {
      setConnected(false);
      connect();
    }
  }, 1000);
}
