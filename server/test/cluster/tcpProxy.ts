/** A loopback TCP proxy that a test can cut and restore, to make a database or Redis unreachable. */
import net from 'node:net'

export interface TcpProxy {
  readonly port: number
  /** Closes every connection and refuses new ones, as a server that went away. */
  cut(): Promise<void>
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>
  close(): Promise<void>
}

/** Forwards 127.0.0.1:<a free port> to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>()
  const serve = () =>
    net.createServer((client) => {
      const upstream = net.connect(target.port, target.host)
      for (const socket of [client, upstream]) {
        open.add(socket)
        socket.on('close', () => open.delete(socket))
        socket.on('error', () => socket.destroy())
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
  const listen = (server: net.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
    })
  let server = serve()
  const port = await listen(server, 0)
  const stop = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      for (const socket of open) socket.destroy()
    })
  }
  return {
    port,
    cut: stop,
    async restore() {
      server = serve()
      await listen(server, port)
    },
    close: stop,
  }
}
