/** A short message under a form: a status when it went well, an alert when it did not. */
export type Message = { ok: boolean; text: string } | undefined;

export function Notice({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
      {message.text}
    </p>
  );
}
