/**
 * The pages' one stylesheet: system fonts, light and dark palettes from prefers-color-scheme, and
 * status colours that always come with a symbol and a word (colour is never the only signal).
 * Contrast: body text and status symbols are at least 4.5:1 on their backgrounds in both schemes.
 */
export const CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#1b1f24;--muted:#57606a;--card:#fff;--border:#d0d7de;--head:#eef1f4;--accent:#0b5cad;--focus:#0b5cad;
--pass:#1a7f37;--pass-bg:#dafbe1;--partial:#9a6700;--partial-bg:#fff8c5;--fail:#cf222e;--fail-bg:#ffebe9;--unknown:#6e40c9;--unknown-bg:#f1ebff;
--na:#6e7781;--na-bg:#eaeef2;--waived:#0a6b7c;--waived-bg:#ddf4f7;--absent:#8c959f}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--card:#161b22;--border:#30363d;--head:#1c2230;--accent:#58a6ff;--focus:#58a6ff;
--pass:#3fb950;--pass-bg:#12361f;--partial:#d29922;--partial-bg:#3a2d0b;--fail:#ff7b72;--fail-bg:#4a1619;--unknown:#bc8cff;--unknown-bg:#2e2150;
--na:#8b949e;--na-bg:#262c36;--waived:#39c5cf;--waived-bg:#0f3438;--absent:#6e7681}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Ubuntu,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
header.top,main,footer{padding:0 24px;max-width:1600px;margin:0 auto}
header.top{padding-top:20px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:28px 0 10px}
.meta,.muted{color:var(--muted)}
.meta{margin:0;font-size:.9rem}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:12px;margin-top:18px}
.card{background:var(--card);border:1px solid var(--border);border-radius:10px;padding:14px 16px}
.card h2{font-size:.85rem;font-weight:600;color:var(--muted);margin:0 0 6px;text-transform:uppercase;letter-spacing:.04em}
.big{font-size:2rem;font-weight:700;line-height:1.1}
.big small{font-size:1rem;font-weight:600;color:var(--muted)}
.up{color:var(--pass)}.down{color:var(--fail)}
.grades{display:flex;gap:6px;margin-top:6px;flex-wrap:wrap}
.grades span{display:inline-flex;flex-direction:column;align-items:center;min-width:34px;padding:3px 6px;border-radius:6px;border:1px solid var(--border);font-weight:700}
.grades span small{font-weight:400;color:var(--muted);font-size:.75rem}
.panel{position:relative;background:var(--card);border:1px solid var(--border);border-radius:10px;padding:4px 0;overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 10px;text-align:left;border-bottom:1px solid var(--border);vertical-align:middle}
thead th{background:var(--head);font-size:.85rem;white-space:nowrap;vertical-align:bottom}
tbody tr:last-child>*{border-bottom:0}
tbody tr:hover>*{background:color-mix(in srgb,var(--head) 60%,transparent)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.c,th.c{text-align:center;padding:5px 3px}
th.v button.sort{writing-mode:vertical-rl;transform:rotate(180deg);padding:4px 0;line-height:1.2}
th.v{padding:6px 2px}
th.v button.sort::after{writing-mode:horizontal-tb;display:inline-block;transform:rotate(180deg)}
.adoption{table-layout:fixed;min-width:1160px}
.adoption col.practice{width:16.5rem}.adoption col.pct{width:4.5rem}.adoption col.count{width:6.2rem}.adoption col.change{width:6rem}
.adoption thead th{white-space:normal}
.adoption th[scope=row]{font-weight:600}
.adoption td.pct{font-variant-numeric:tabular-nums;color:var(--muted);text-align:right}
.adoption svg{display:block;width:100%;height:18px;border-radius:4px;overflow:hidden;background:var(--na-bg)}
.adoption button.count{font:inherit;font-variant-numeric:tabular-nums;background:none;border:0;color:var(--accent);cursor:pointer;padding:2px 4px;border-radius:4px;text-decoration:underline dotted}
.adoption button.count:hover{background:var(--head)}
.adoption button.count:disabled{color:var(--muted);text-decoration:none;cursor:default}
.adoption rect{stroke:var(--card);stroke-width:1.5px;vector-effect:non-scaling-stroke}
.s-pass{fill:var(--pass)}.s-partial{fill:var(--partial)}.s-fail{fill:var(--fail)}.s-unknown{fill:var(--unknown)}.s-waived{fill:var(--waived)}.s-not-applicable{fill:var(--na)}
.legend{display:flex;gap:14px;flex-wrap:wrap;margin:8px 0 0;padding:0;list-style:none;font-size:.85rem;color:var(--muted)}
.st{display:inline-flex;align-items:center;justify-content:center;min-width:26px;height:22px;padding:0 5px;border-radius:11px;font-weight:700;font-size:.85rem}
.st.pass{color:var(--pass);background:var(--pass-bg)}.st.partial{color:var(--partial);background:var(--partial-bg)}.st.fail{color:var(--fail);background:var(--fail-bg)}
.st.unknown{color:var(--unknown);background:var(--unknown-bg)}.st.not-applicable{color:var(--na);background:var(--na-bg)}.st.waived{color:var(--waived);background:var(--waived-bg)}
.st.absent{color:var(--absent)}
.grade{display:inline-block;min-width:24px;text-align:center;border-radius:5px;font-weight:700;padding:0 4px;border:1px solid var(--border)}
.grade.A,.grade.B{color:var(--pass)}.grade.C,.grade.D{color:var(--partial)}.grade.F{color:var(--fail)}
.state{display:inline-block;white-space:nowrap;font-size:.78rem;font-weight:600;padding:0 6px;border-radius:9px;background:var(--fail-bg);color:var(--fail);margin-left:6px}
.repo{font-weight:600;min-width:190px;max-width:340px;overflow-wrap:anywhere}
.repo .state{margin-left:0;margin-right:6px}
.repo a.ext{font-weight:400;text-decoration:none;margin-left:4px}
td.note{color:var(--muted);font-size:.9rem}
.controls{display:flex;gap:10px 16px;flex-wrap:wrap;align-items:end;margin:0 0 10px}
.controls label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:2px}
.controls input,.controls select,.pager button,.controls button{font:inherit;font-size:.9rem;color:var(--fg);background:var(--card);border:1px solid var(--border);border-radius:6px;padding:5px 8px}
.controls input{min-width:220px}
.pager{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:10px 0}
.pager button{cursor:pointer}.pager button:disabled{opacity:.45;cursor:default}
th button.sort{font:inherit;font-weight:700;color:inherit;background:none;border:0;padding:2px 0;cursor:pointer;display:inline-flex;gap:4px;align-items:center}
th button.sort::after{content:"↕";color:var(--muted);font-weight:400}
th[aria-sort=ascending] button.sort::after{content:"▲";color:var(--fg)}
th[aria-sort=descending] button.sort::after{content:"▼";color:var(--fg)}
#status{margin:6px 0;font-size:.9rem;color:var(--muted)}
.problems li{margin:2px 0}
.notes li{color:var(--muted);font-size:.9rem}
.evidence{margin:0;padding-left:18px;font-size:.88rem}
.evidence code{font-size:.85rem;overflow-wrap:anywhere}
.nowrap{white-space:nowrap}
footer{padding-top:24px;padding-bottom:32px;font-size:.85rem;color:var(--muted)}
@media (max-width:700px){header.top,main,footer{padding-left:12px;padding-right:12px}.controls input{min-width:0}}
`.trim()
