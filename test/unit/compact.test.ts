/**
 * lib/plot/compact: rounding figure numbers and compacting SVG markers, checked against what a
 * real Chromium draws.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { compactSvg, roundFigureNumbers, roundSignificant, SVG_UID } from "../../lib/plot/compact";
import { scatterFigure } from "../../lib/plot/figures";
import { closeRenderer, findChromium, newPage, renderSvg } from "../../lib/plot/render";
import { Rng } from "../../lib/util/rng";

const skip = findChromium() === undefined ? "no Chromium found (set CHROMIUM_PATH or `sudo apt-get install chromium`)" : false;
after(closeRenderer);

test("roundSignificant keeps 5 significant digits, integers and non-finite values", () => {
  assert.equal(roundSignificant(1.0973783484497612), 1.0974);
  assert.equal(roundSignificant(-0.00012345678), -0.00012346);
  assert.equal(roundSignificant(6.123456e-16), 6.1235e-16);
  assert.equal(roundSignificant(123456.789), 123460);
  assert.equal(roundSignificant(42), 42);
  assert.ok(Number.isNaN(roundSignificant(NaN)));
  assert.equal(roundSignificant(-Infinity), -Infinity);
  assert.equal(roundSignificant(Math.PI, 3), 3.14);
});

test("roundFigureNumbers rounds every number in the traces, leaves layout alone, rejects bad digits", () => {
  const layout = { title: { text: "t" }, xaxis: { range: [0.123456789, 1] } };
  const fig = {
    data: [
      { type: "scatter", x: Float32Array.from([0.1, 0.2]), y: [1 / 3, 2 / 3], name: "a", marker: { size: 4.25 } },
      { type: "contour", z: [[Math.E, 1], [2, Math.SQRT2]] },
    ],
    layout,
  };
  const out = roundFigureNumbers(fig);
  const [a, b] = out.data as Record<string, unknown>[];
  assert.deepEqual(a.x, [0.1, 0.2]); // float32 0.1 = 0.10000000149… → 0.1
  assert.ok(Array.isArray(a.x));
  assert.deepEqual(a.y, [0.33333, 0.66667]);
  assert.deepEqual(a.marker, { size: 4.25 });
  assert.equal(a.name, "a");
  assert.deepEqual(b.z, [[2.7183, 1], [2, 1.4142]]);
  assert.equal(out.layout, layout);
  assert.deepEqual((fig.data[1] as { z: number[][] }).z[0][0], Math.E, "input not modified");
  assert.throws(() => roundFigureNumbers(fig, 0), /digits must be an integer in 1…17, got 0/);
});

const cloud = (n: number, seed: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
};
const scatter = scatterFigure(
  [
    { name: "real", points: cloud(400, 1), colour: "rgb(150,150,150)" },
    { name: "generated", points: cloud(400, 2), colour: "rgb(214,39,40)", open: true },
  ],
  { title: "two clouds" },
);

/** Pixels (RGBA bytes) that differ between the two SVG documents drawn at w × h. */
async function differingPixels(svgA: string, svgB: string, w: number, h: number): Promise<{ differ: number; inked: number }> {
  const page = await newPage();
  try {
    // plain JS source: tsx would wrap named functions of a TypeScript callback in a helper
    // (`__name`) that the page does not have
    const script = `(async ({ svgA, svgB, w, h }) => {
      async function draw(svg) {
        const img = new Image();
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = w;
        canvas.height = h;
        const g = canvas.getContext("2d");
        g.fillStyle = "white";
        g.fillRect(0, 0, w, h);
        g.drawImage(img, 0, 0, w, h);
        return g.getImageData(0, 0, w, h).data;
      }
      const a = await draw(svgA), b = await draw(svgB);
      let differ = 0, inked = 0;
      for (let i = 0; i < a.length; i += 4) {
        if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) differ++;
        if (a[i] < 250 || a[i + 1] < 250 || a[i + 2] < 250) inked++;
      }
      return { differ, inked };
    })(${JSON.stringify({ svgA, svgB, w, h })})`;
    return (await page.evaluate(script)) as { differ: number; inked: number };
  } finally {
    await page.close();
  }
}

test("compactSvg: same pixels as Plotly's SVG, markers shared through <use>, a fixed uid", { skip, timeout: 120_000 }, async () => {
  const size = { width: 500, height: 400 };
  const raw1 = await renderSvg(scatter, size);
  const raw2 = await renderSvg(scatter, size);
  assert.equal((raw1.match(/<path class="point"/g) ?? []).length, 800);
  const c1 = compactSvg(raw1), c2 = compactSvg(raw2);
  assert.ok(c1 === c2, "two renders of one figure give identical bytes"); // (no 40 kB diff on failure)
  assert.equal((c1.match(/<use x="[\d.]+" xlink:href="#lw-m/g) ?? []).length, 800);
  assert.equal((c1.match(/<path class="point"/g) ?? []).length, 0);
  assert.equal((c1.match(/<path d="[^"]+" id="lw-m\d+"/g) ?? []).length, 2, "one shared marker per trace style");
  assert.ok(c1.includes(`clip${SVG_UID}`));
  assert.ok(c1.length < raw1.length / 2, `compact ${c1.length} B vs Plotly's ${raw1.length} B`);
  const { differ, inked } = await differingPixels(raw1, c1, size.width, size.height);
  assert.ok(inked > 5000, `the drawing has content (${inked} inked pixels)`);
  assert.equal(differ, 0, `${differ} pixels differ`);
});

test("compactSvg numbers random trace uids in colour-bar classes, gradients and references alike", () => {
  const svg = '<svg><defs id="defs-ab12cd"><clipPath id="clipab12cdxy"/><linearGradient id="gab12cd-cb9f8e7d"/><linearGradient id="gab12cd-cb0a1b2c"/></defs>' +
    '<rect style="fill: url(\'#gab12cd-cb9f8e7d\');"/><rect style="fill: url(\'#gab12cd-cb0a1b2c\');"/>' +
    '<g class="cb0a1b2c colorbar"><g class="ycb0a1b2ctick"/></g></svg>';
  const out = compactSvg(svg);
  assert.equal(
    out,
    `<svg><defs id="defs-${SVG_UID}"><clipPath id="clip${SVG_UID}xy"/><linearGradient id="g${SVG_UID}-cblw0"/><linearGradient id="g${SVG_UID}-cblw1"/></defs>` +
      `<rect style="fill: url('#g${SVG_UID}-cblw0');"/><rect style="fill: url('#g${SVG_UID}-cblw1');"/>` +
      `<g class="cblw1 colorbar"><g class="ycblw1tick"/></g></svg>`,
  );
});

test("compactSvg leaves an SVG without markers as it was (apart from the uid)", () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><defs id="defs-ab12cd"><clipPath id="clipab12cdxyplot"/></defs><g clip-path="url(#clipab12cdxyplot)"><path d="M0,0L1.5,2"/></g></svg>';
  assert.equal(
    compactSvg(svg),
    `<svg xmlns="http://www.w3.org/2000/svg"><defs id="defs-${SVG_UID}"><clipPath id="clip${SVG_UID}xyplot"/></defs><g clip-path="url(#clip${SVG_UID}xyplot)"><path d="M0,0L1.5,2"/></g></svg>`,
  );
});
