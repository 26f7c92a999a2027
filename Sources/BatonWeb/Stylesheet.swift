/// The one stylesheet, served as `/assets/baton.css` (the Content-Security-Policy allows no
/// inline styles). Colours are the Okabe–Ito palette, readable by colour-blind readers; charts
/// never rely on colour alone (labels, patterns and text carry the meaning too).
public enum Stylesheet {
    public static let css = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d5dae3; --bg: #ffffff; --panel: #f5f7fa;
          --accent: #0b5cad; --good: #1a7f4b; --bad: #b3261e; --warn: #8a5a00; }
        * { box-sizing: border-box; }
        html { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
        body { margin: 0; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
        header.site { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--panel); }
        header.site .brand { font-weight: 700; font-size: 1.1rem; color: var(--ink); text-decoration: none; }
        header.site nav { display: flex; gap: 1rem; flex: 1; }
        header.site nav a { text-decoration: none; padding: .2rem .1rem; }
        header.site nav a[aria-current="page"] { font-weight: 700; border-bottom: 2px solid var(--accent); }
        header.site form { margin: 0; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.2rem 1.5rem 3rem; }
        h1 { font-size: 1.5rem; margin: .4rem 0 .8rem; }
        h2 { font-size: 1.2rem; margin: 1.8rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
        h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
        p.headline { font-size: 1.15rem; background: var(--panel); border-left: 4px solid var(--accent); padding: .7rem 1rem; }
        p.muted, .muted { color: var(--muted); }
        .warning { color: var(--warn); font-size: .85em; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: .8rem; margin: 1rem 0; }
        .tile { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
        .tile .value { font-size: 1.4rem; font-weight: 700; }
        .tile .label { color: var(--muted); font-size: .85rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: .85rem; color: var(--muted); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1rem 0; }
        figcaption { color: var(--muted); font-size: .85rem; margin-top: .3rem; }
        svg.chart { width: 100%; height: auto; max-width: 100%; font-size: 12px; }
        svg#chart-heatmap { max-width: 560px; }
        svg.chart text { fill: var(--ink); }
        svg.chart .axis { stroke: #8a93a3; stroke-width: 1; }
        svg.chart .grid { stroke: var(--line); stroke-width: 1; }
        svg.chart .zero { stroke: var(--ink); stroke-width: 1.2; }
        svg.chart .whisker { stroke: var(--ink); stroke-width: 2; }
        svg.chart .dot-speedup { fill: #0072b2; }
        svg.chart .dot-lead-better { fill: #009e73; }
        svg.chart .dot-lead-worse { fill: #d55e00; }
        svg.chart .seg-touch { fill: #0072b2; }
        svg.chart .seg-intake { fill: #e69f00; }
        svg.chart .seg-closure { fill: #cc79a7; }
        svg.chart .seg-c0 { fill: #d55e00; } svg.chart .seg-c1 { fill: #56b4e9; } svg.chart .seg-c2 { fill: #009e73; }
        svg.chart .seg-c3 { fill: #f0e442; } svg.chart .seg-c4 { fill: #999999; } svg.chart .seg-c5 { fill: #cfd4dc; }
        svg.chart .line-touched { stroke: #d55e00; stroke-width: 2; fill: none; }
        svg.chart .line-untouched { stroke: #0072b2; stroke-width: 2; fill: none; stroke-dasharray: 6 3; }
        svg.chart .intervention-line { stroke: #555; stroke-width: 1.5; stroke-dasharray: 2 3; }
        svg.chart .intervention-label { font-size: 11px; fill: #333; }
        svg.chart .heat { stroke: #ffffff; stroke-width: 1; }
        svg.chart .rating-measured { fill: #0072b2; }
        svg.chart .rating-perceived { fill: none; stroke: #d55e00; stroke-width: 2.5; }
        svg.chart .tool-0 { fill: #0072b2; } svg.chart .tool-1 { fill: #e69f00; } svg.chart .tool-2 { fill: #009e73; }
        svg.chart .tool-3 { fill: #cc79a7; } svg.chart .tool-4 { fill: #56b4e9; } svg.chart .tool-5 { fill: #d55e00; }
        svg.chart .tool-6 { fill: #f0e442; } svg.chart .tool-7 { fill: #999999; }
        svg.chart .ai-mark { fill: url(#ai-hatch); }
        svg.chart .gap { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 4 3; }
        .legend { display: flex; flex-wrap: wrap; gap: .8rem; font-size: .85rem; color: var(--muted); margin: .2rem 0; padding: 0; list-style: none; }
        .legend .swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: -2px; margin-right: .3rem; border: 1px solid #0003; }
        .sw-touch { background: #0072b2; } .sw-intake { background: #e69f00; } .sw-closure { background: #cc79a7; }
        .sw-c0 { background: #d55e00; } .sw-c1 { background: #56b4e9; } .sw-c2 { background: #009e73; }
        .sw-tool-0 { background: #0072b2; } .sw-tool-1 { background: #e69f00; } .sw-tool-2 { background: #009e73; }
        .sw-tool-3 { background: #cc79a7; } .sw-tool-4 { background: #56b4e9; } .sw-tool-5 { background: #d55e00; }
        .sw-tool-6 { background: #f0e442; } .sw-tool-7 { background: #999999; }
        .sw-c3 { background: #f0e442; } .sw-c4 { background: #999999; } .sw-c5 { background: #cfd4dc; }
        form.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; background: var(--panel); padding: .7rem; border: 1px solid var(--line); border-radius: 6px; }
        form.filters label, form.tag label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        input, select, textarea, button { font: inherit; padding: .3rem .45rem; border: 1px solid #a7afbd; border-radius: 4px; background: #fff; color: var(--ink); }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        form.tag { display: flex; gap: .4rem; align-items: end; flex-wrap: wrap; margin: 0; }
        form.tag input[type=text] { width: 14rem; }
        .tagged { color: var(--good); font-weight: 600; }
        .error { color: var(--bad); font-weight: 600; }
        .notice { background: #eef6ee; border: 1px solid #b9dcb9; padding: .5rem .8rem; border-radius: 4px; }
        .signin { max-width: 26rem; margin: 3rem auto; }
        .signin form { display: flex; flex-direction: column; gap: .6rem; }
        .pager { display: flex; gap: 1rem; margin: .6rem 0; }
        .badge { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; border: 1px solid currentColor; }
        .badge.ai { color: #6b3fa0; } .badge.human { color: var(--muted); }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        @media print {
          @page { margin: 16mm 14mm; }
          html { font-size: 10.5pt; }
          header.site, .no-print, form.filters, form.tag, .pager { display: none !important; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; }
          figure, table, .tiles, section.keep { break-inside: avoid; }
          p.headline { border-left-color: #000; background: none; }
        }
        """
}
