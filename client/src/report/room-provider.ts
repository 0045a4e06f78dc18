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
