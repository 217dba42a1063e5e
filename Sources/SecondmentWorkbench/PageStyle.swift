/// The page's style sheet: screen layout, the map, tables, the heat map.
enum PageStyle {
  static let source = #"""
    :root { --ink: #1d2530; --line: #d5dbe3; --accent: #1f5fa8; --soft: #f3f6f9; }
    * { box-sizing: border-box; }
    body { margin: 0; font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Noto Sans", "DejaVu Sans", sans-serif;
      color: var(--ink); background: #fff; font-size: 14px; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; padding: 10px 20px;
      border-bottom: 1px solid var(--line); background: var(--soft); }
    h1 { font-size: 18px; margin: 0; }
    h2 { font-size: 16px; margin: 18px 0 8px; }
    nav { display: flex; gap: 4px; }
    .tab { border: 1px solid var(--line); background: #fff; padding: 6px 14px; cursor: pointer; border-radius: 4px; }
    .tab.active { background: var(--accent); color: #fff; border-color: var(--accent); }
    .instance { display: flex; gap: 12px; align-items: center; margin-left: auto; }
    main { padding: 0 20px 40px; }
    .page { display: none; }
    .page.active { display: block; }
    #message { padding: 0 20px; }
    #message .error { border: 1px solid #c0392b; background: #fdecea; padding: 8px 12px; margin-top: 10px; }
    #message .info { border: 1px solid #2e7d32; background: #edf7ee; padding: 8px 12px; margin-top: 10px; }
    .lead { color: #44505e; }
    .columns { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    .map { border: 1px solid var(--line); background: #fbfcfd; width: 100%; max-width: 760px; height: auto; }
    .map .town circle { fill: #7fa7d6; fill-opacity: 0.55; stroke: #1f5fa8; stroke-width: 1; }
    .map .town.pilot circle.ring { fill: none; stroke: #c0392b; stroke-width: 2.5; }
    .map .town text { font-size: 11px; fill: var(--ink); text-anchor: middle; }
    .map .town text.count { font-size: 12px; font-weight: bold; fill: #0b2e59; }
    .map .zone { fill: #f1c40f; fill-opacity: 0.08; stroke: #b7950b; stroke-dasharray: 5 3; stroke-width: 1.2; }
    table { border-collapse: collapse; margin: 6px 0 12px; }
    th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: var(--soft); cursor: default; }
    th.sortable { cursor: pointer; }
    th.sorted-up::after { content: " ▲"; }
    th.sorted-down::after { content: " ▼"; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    .scroll { overflow-x: auto; }
    .filters { display: flex; gap: 12px; align-items: center; margin: 6px 0; }
    .heat td.cell { text-align: center; min-width: 52px; }
    .heat td.none { background: #fafafa; }
    .heat thead th { font-weight: normal; font-size: 12px; max-width: 5.5em; white-space: normal; vertical-align: bottom; }
    .columns .map { width: 560px; }
    .progress { display: grid; grid-template-columns: max-content max-content; gap: 4px 16px; margin: 10px 0; }
    .bar { width: 420px; height: 10px; background: var(--soft); border: 1px solid var(--line); }
    .bar > div { height: 100%; background: var(--accent); width: 0; }
    input.small { width: 5em; }
    textarea { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; width: 100%; max-width: 760px; }
    .builders .filters { margin: 4px 0; }
    #comparison-table td, #comparison-table th { max-width: 22em; }
    .broken { color: #c0392b; }
    .kept { color: #2e7d32; }
    button.primary { background: var(--accent); color: #fff; border: 0; padding: 6px 16px; border-radius: 4px; cursor: pointer; }
    button:disabled { opacity: 0.5; cursor: default; }
    button.link { background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; text-decoration: underline; font: inherit; }
    .why { border: 1px solid var(--line); background: var(--soft); padding: 6px 14px; margin: 8px 0; max-width: 760px; }
    td.up { color: #2e7d32; }
    td.down { color: #c0392b; }
    @media print {
      header, nav, .filters, #message, button:not(.link) { display: none !important; }
      .page { display: block !important; page-break-after: always; }
      body { font-size: 11pt; }
    }
    """#
}
