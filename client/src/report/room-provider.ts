import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/**
 * A y-websocket provider for one of this server's rooms, on the page's own host. It connects
 * only while the browser is online, and never over BroadcastChannel: the server is the only
 * channel, so another tab cannot become a back door past its permission gate.
 */
export function roomProvider(room: string, doc: Y.Doc): WebsocketProvider {
  const wsProtocol = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebsocketProvider(`${wsProtocol}://${window.location.host}/collab`, room, doc, {
    connect: navigator.onLine,
    disableBc: true,
  });
}

/**
 * Follows the browser's network state, which it knows before the socket does: disconnects at once
 * when it goes offline and reconnects (merging what was typed meanwhile) when it is back, unless
 * `mayReconnect` says no. `onChange` runs after either. Returns the function that stops following.
 */
export function followBrowserNetwork(
  provider: WebsocketProvider,
  { mayReconnect = () => true, onChange = () => {} }: { mayReconnect?: () => boolean; onChange?: () => void } = {},
): () => void {
  const offline = () => {
    provider.disconnect();
    onChange();
  };
  const online = () => {
    if (mayReconnect()) provider.connect();
    onChange();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}
