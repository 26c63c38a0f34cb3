/*
 * Latent Walk site (scripts/site/build_site.py): draws each Plotly output from the figure JSON
 * the notebook stored, and typesets the maths of markdown cells with KaTeX. Both libraries are
 * local files (figures/plotly.min.js, assets/katex/), loaded before this script.
 */
(function () {
  "use strict";

  function drawFigures() {
    var holders = document.querySelectorAll(".lw-plotly");
    holders.forEach(function (holder) {
      if (typeof Plotly === "undefined") {
        holder.textContent = "plotly.js did not load (figures/plotly.min.js is missing beside this page)";
        return;
      }
      var fig = JSON.parse(holder.querySelector('script[type="application/json"]').textContent);
      var target = document.createElement("div");
      target.className = "lw-plotly-figure";
      holder.appendChild(target);
      Plotly.newPlot(target, {
        data: fig.data,
        layout: fig.layout || {},
        config: Object.assign({ responsive: true, displaylogo: false }, fig.config || {}),
        frames: fig.frames,
      });
    });
  }

  function typeset() {
    if (typeof renderMathInElement === "undefined") return;
    document.querySelectorAll(".jp-MarkdownCell, .lw-intro, .lw-articles").forEach(function (el) {
      renderMathInElement(el, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "\\[", right: "\\]", display: true },
          { left: "$", right: "$", display: false },
          { left: "\\(", right: "\\)", display: false },
        ],
        throwOnError: false,
      });
    });
  }

  /** A figure stored as PNG only: its button puts the figure's own HTML page in place of the image. */
  function offerInteractive() {
    document.querySelectorAll(".lw-interactive").forEach(function (button) {
      button.addEventListener("click", function () {
        var figure = button.closest(".lw-figure");
        var image = figure.querySelector(".jp-RenderedImage img");
        var frame = document.createElement("iframe");
        frame.className = "lw-figure-frame";
        frame.src = button.dataset.page;
        frame.title = "interactive figure";
        frame.width = String(image ? image.width : 720);
        frame.height = String(image ? image.height : 480);
        (image ? image.parentElement : figure).replaceChildren(frame);
        button.remove();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    typeset();
    drawFigures();
    offerInteractive();
  });
})();
