// `all: initial` on the host keeps inherited page styles (font, colour, line height) out.
export const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: center;
  justify-content: center; background: rgb(0 0 0 / 45%); }
.dialog { width: min(520px, calc(100vw - 32px)); max-height: calc(100vh - 64px); overflow: auto;
  background: #fff; border-radius: 10px; padding: 20px 22px; box-shadow: 0 12px 40px rgb(0 0 0 / 30%);
  border-top: 5px solid #9a6700; }
.dialog.block { border-top-color: #cf222e; }
.dialog.held { border-top-color: #57606a; }
.overlay { width: min(560px, calc(100vw - 32px)); }
h2 { margin: 0 0 8px; font-size: 17px; font-weight: 600; }
p { margin: 6px 0; }
ul { margin: 6px 0 10px; padding-left: 20px; }
li { margin: 3px 0; }
.reasons li { color: #57606a; font-size: 13px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; background: #f6f8fa;
  padding: 1px 4px; border-radius: 4px; word-break: break-word; }
.why { color: #57606a; }
label { display: block; margin-top: 10px; font-weight: 600; }
textarea { display: block; width: 100%; margin-top: 4px; padding: 6px 8px; border: 1px solid #d0d7de;
  border-radius: 6px; font-weight: 400; resize: vertical; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }
button { cursor: pointer; padding: 6px 14px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; }
button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
button.danger { background: #cf222e; border-color: #cf222e; color: #fff; }
button[disabled] { opacity: 0.5; cursor: not-allowed; }
.banner { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647; display: flex; gap: 6px;
  align-items: center; padding: 8px 44px 8px 16px; background: #fff8c5; border-bottom: 1px solid #d4a72c; }
.banner button { position: absolute; right: 8px; top: 4px; border: 0; background: none; font-size: 18px; }
`;
