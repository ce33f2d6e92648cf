/**
 * The in-browser terminal (xterm.js): a command line edited by `LineEditor`, `aws …` lines run on
 * the server with the learner's lab credentials, Tab completion from the CLI engine, history kept
 * per session in sessionStorage. `clear`, `history` and `help` are answered here; nothing else is a
 * shell command. A visually hidden log repeats the last command and its output for screen readers.
 */
import { useEffect, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import { api, ApiCallError } from './lab-client.ts';
import { columnsOf, commonPrefix, LineEditor } from './line-editor.ts';

interface Props {
  sessionId: string;
  /** False while the environment is not there to work on (building, ended …). */
  enabled: boolean;
}

const welcome = [
  '\x1b[1mLab terminal\x1b[0m — AWS CLI commands run against your lab environment (not a shell).',
  'Try: aws sts get-caller-identity · aws s3api list-buckets · aws help · Tab completes · ↑/↓ history · clear',
  '',
].join('\r\n');

const localHelp = [
  'This terminal runs one command at a time, server-side, with your lab credentials:',
  '  aws <service> <operation> [--options]   an AWS CLI command (aws help lists services)',
  '  aws <service> help / aws <service> <operation> help',
  '  history   the commands you ran in this session',
  '  clear     clear the screen (also Ctrl+L)',
  'Keys: Tab completes services, operations and options; ↑/↓ walk the history; Ctrl+C drops the line;',
  'select text to copy it (Ctrl+Shift+C), paste with Ctrl+Shift+V or Ctrl+V.',
].join('\r\n');

function storageKey(sessionId: string): string {
  return `mlsec.terminal.history.${sessionId}`;
}

export default function LabTerminal({ sessionId, enabled }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [log, setLog] = useState('');
  const [failed, setFailed] = useState<string>();
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void (async () => {
      // Loaded on demand: the terminal is the page's largest piece, and only needed once a lab runs.
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed || !host.current) return;
      const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
      const term = new Terminal({
        convertEol: true,
        cursorBlink: true,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
        fontSize: 14,
        scrollback: 5000,
        theme: dark ? { background: '#0b0e12', foreground: '#e6e9ee' } : { background: '#101418', foreground: '#e6e9ee' },
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(host.current);
      const fitNow = () => {
        try {
          fit.fit();
        } catch {
          // not laid out yet
        }
      };
      fitNow();
      const observer = new ResizeObserver(fitNow);
      observer.observe(host.current);

      let stored: string[] = [];
      try {
        stored = JSON.parse(sessionStorage.getItem(storageKey(sessionId)) ?? '[]') as string[];
      } catch {
        stored = [];
      }
      const editor = new LineEditor(Array.isArray(stored) ? stored : []);
      let busy = false;
      const queue: { line: string; echo: boolean }[] = [];
      term.write(welcome);
      term.write(editor.render());

      const saveHistory = () => {
        try {
          sessionStorage.setItem(storageKey(sessionId), JSON.stringify(editor.history));
        } catch {
          // storage full or disabled: history lasts as long as the page
        }
      };

      const runLine = async (line: string, echo: boolean) => {
        // A line typed (or pasted) while another command ran was not drawn yet.
        term.write(echo ? `\r\x1b[K$ ${line}\r\n` : '\r\n');
        const trimmed = line.trim();
        saveHistory();
        if (trimmed === '') return;
        if (trimmed === 'clear') return term.clear();
        if (trimmed === 'history') {
          term.write(`${editor.history.map((h, i) => `${String(i + 1).padStart(4)}  ${h}`).join('\r\n')}\r\n`);
          return;
        }
        if (trimmed === 'help') {
          term.write(`${localHelp}\r\n`);
          return;
        }
        if (!enabledRef.current) {
          term.write('\x1b[33mThe lab environment is not ready: start the lab (or wait until it is Ready) to run commands.\x1b[0m\r\n');
          return;
        }
        try {
          const result = await api.run(sessionId, trimmed, term.cols);
          if (result.stdout) term.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
          if (result.stderr) term.write(`\x1b[31m${result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`}\x1b[0m`);
          setLog(`$ ${trimmed}\n${result.stdout}${result.stderr}${result.exitCode === 0 ? '' : `\n(exit code ${result.exitCode})`}`);
        } catch (error) {
          const message = error instanceof ApiCallError ? error.message : String(error);
          term.write(`\x1b[31m${message}\x1b[0m\r\n`);
          setLog(`$ ${trimmed}\n${message}`);
        }
      };

      const drain = async () => {
        if (busy) return;
        busy = true;
        while (queue.length) {
          const next = queue.shift()!;
          await runLine(next.line, next.echo);
        }
        busy = false;
        term.write(editor.render());
      };

      const complete = async () => {
        if (!enabledRef.current) return;
        const { buffer, cursor } = editor;
        try {
          const { candidates, from, to } = await api.complete(sessionId, buffer, cursor);
          if (editor.buffer !== buffer || editor.cursor !== cursor) return;
          if (candidates.length === 0) return term.write('\x07');
          const typed = buffer.slice(from, to);
          if (candidates.length === 1) {
            const word = candidates[0]!;
            editor.replace(from, to, /(=|:\/\/)$/.test(word) ? word : `${word} `);
          } else {
            const prefix = commonPrefix(candidates);
            if (prefix.length > typed.length) editor.replace(from, to, prefix);
            else term.write(`\r\n${columnsOf(candidates.slice(0, 200), term.cols)}${candidates.length > 200 ? `\r\n… ${candidates.length - 200} more` : ''}\r\n`);
          }
          term.write(editor.render());
        } catch {
          term.write('\x07');
        }
      };

      const input = term.onData((data) => {
        for (const result of editor.input(data)) {
          if (result.kind === 'submit') {
            queue.push({ line: result.line, echo: busy });
            void drain();
          } else if (busy) {
            // typed ahead while a command runs: shown when it ends
          } else if (result.kind === 'edit') term.write(editor.render());
          else if (result.kind === 'complete') void complete();
          else if (result.kind === 'cancel') term.write(`^C\r\n${editor.render()}`);
          else if (result.kind === 'clear') {
            term.clear();
            term.write(editor.render());
          }
        }
      });
      cleanup = () => {
        input.dispose();
        observer.disconnect();
        term.dispose();
      };
    })().catch((error: unknown) => setFailed(`The terminal could not load: ${(error as Error).message}. Reload the page.`));
    return () => {
      disposed = true;
      cleanup();
    };
  }, [sessionId]);

  return (
    <section className="lab-terminal" aria-labelledby="terminal-heading">
      <h2 id="terminal-heading">Terminal</h2>
      <p className="muted small">
        Type <code>aws</code> commands; they run on the server against your lab environment with your lab credentials. Press Tab to complete, ↑ for
        history, <code>help</code> for more.
      </p>
      {failed && <p role="alert">{failed}</p>}
      <div ref={host} className="terminal-host" data-testid="terminal" aria-label="Lab terminal: type aws commands and press Enter" role="group" />
      <div className="visually-hidden" role="log" aria-live="polite" aria-label="Last terminal command and its output" data-testid="terminal-log">
        <pre>{log}</pre>
      </div>
    </section>
  );
}
