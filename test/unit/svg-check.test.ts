/**
 * The SVG check the integration tests apply to every figure: committed figures of each kind
 * (scatter traces, a heatmap image grid, a 3-D scene) pass; a plot with axes and nothing
 * plotted, or a heatmap group without its image, fails.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertValidSvg } from "../helpers/files";

const FIGURES = path.resolve(__dirname, "..", "..", "figures");

test("committed figures of every kind pass: traces, a heatmap image grid, a 3-D scene", () => {
  for (const f of ["01-latent-geometry/normal-prior-norms.svg", "03-ganspace/edit-grid.svg", "04-sphere-gan/notes-variant-3d.svg"]) {
    assertValidSvg(path.join(FIGURES, f));
  }
});

test("a plot with nothing plotted fails, as does a heatmap group without its image", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-svg-"));
  const axesOnly = '<svg xmlns="http://www.w3.org/2000/svg"><g class="glimages"></g><g class="hm"></g><path d="M0,0L1,1"/></svg>';
  const imageElsewhere = `<svg xmlns="http://www.w3.org/2000/svg"><g class="layer-above"><image xlink:href="data:image/png;base64,${"A".repeat(80)}"/></g><path d="M0,0L1,1"/></svg>`;
  for (const [name, text] of [["axes-only.svg", axesOnly], ["image-elsewhere.svg", imageElsewhere]]) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    assert.throws(() => assertValidSvg(file), /no Plotly trace layer, heatmap image or 3-D scene image/, name);
  }
  fs.rmSync(dir, { recursive: true });
});
