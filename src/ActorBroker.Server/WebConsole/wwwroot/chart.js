// A small SVG line chart of the last readings: a few series over time, redrawn on each poll.
const svgNamespace = 'http://www.w3.org/2000/svg';
const width = 600;
const height = 180;
const margin = { top: 10, right: 12, bottom: 22, left: 48 };

function svg(tag, attributes = {}) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

// Gridlines sit at 0, half and the top, so a top of 1 needs a decimal place; a larger one does not.
const axisLabel = new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format;

/** The smallest of 1, 2, 5 × 10^n at or above value, so that gridlines fall on round numbers. */
function niceCeiling(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

export class LineChart {
  /**
   * series: [{ key, label, colorClass }]; unit: appended to values in the legend; capacity: readings kept, which
   * span names at the left end of the time axis.
   */
  constructor(title, series, { unit = '', capacity = 60, span = '5 min ago', format = (v) => v.toFixed(1) } = {}) {
    this.title = title;
    this.series = series;
    this.unit = unit;
    this.capacity = capacity;
    this.span = span;
    this.format = format;
    this.readings = [];
    this.element = document.createElement('figure');
    this.element.className = 'chart';
    this.picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
    this.legend = document.createElement('figcaption');
    this.element.append(this.picture, this.legend);
    this.draw();
  }

  add(reading) {
    this.readings.push(reading);
    if (this.readings.length > this.capacity) {
      this.readings.shift();
    }
    this.draw();
  }

  draw() {
    const latest = this.readings.at(-1);
    const describe = (s) => `${s.label} ${latest ? this.format(latest[s.key]) : '–'}${this.unit}`;
    this.picture.setAttribute('aria-label', `${this.title}: ${this.series.map(describe).join(', ')}`);
    this.picture.replaceChildren();
    const top = niceCeiling(Math.max(0, ...this.readings.flatMap((r) => this.series.map((s) => r[s.key]))));
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const x = (index) => margin.left + (plotWidth * index) / Math.max(1, this.capacity - 1);
    const y = (value) => margin.top + plotHeight * (1 - value / top);
    for (const fraction of [0, 0.5, 1]) {
      const value = top * fraction;
      this.picture.append(
        svg('line', { class: 'grid', x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value) }),
        Object.assign(svg('text', { class: 'axis', x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end' }), { textContent: axisLabel(value) }));
    }
    this.picture.append(
      Object.assign(svg('text', { class: 'axis', x: margin.left, y: height - 6 }), { textContent: this.span }),
      Object.assign(svg('text', { class: 'axis', x: width - margin.right, y: height - 6, 'text-anchor': 'end' }), { textContent: 'now' }));
    const offset = this.capacity - this.readings.length;
    for (const series of this.series) {
      const points = this.readings.map((r, i) => `${x(offset + i).toFixed(1)},${y(r[series.key]).toFixed(1)}`).join(' ');
      this.picture.append(svg('polyline', { class: `line ${series.colorClass}`, points }));
      // The latest reading stands out, and the first one shows at all (a polyline of one point draws nothing).
      if (latest) {
        this.picture.append(svg('circle', { class: `dot ${series.colorClass}`, cx: x(this.capacity - 1), cy: y(latest[series.key]), r: 3 }));
      }
    }
    this.legend.replaceChildren(
      Object.assign(document.createElement('strong'), { textContent: this.title }),
      ...this.series.map((s) => {
        const item = document.createElement('span');
        item.className = `legend ${s.colorClass}`;
        item.textContent = describe(s);
        return item;
      }));
  }
}
