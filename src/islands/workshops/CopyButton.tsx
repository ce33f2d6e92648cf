/**
 * Copies a text (a join link) to the clipboard and says so in a live region; when the browser
 * refuses the clipboard, it says to copy the text from the field beside it instead.
 */
import { useState } from 'react';

export default function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied to the clipboard.');
    } catch {
      setSaid('The browser did not allow copying: select the link and copy it yourself.');
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span className="ws-copied" role="status">
        {said}
      </span>
    </>
  );
}
