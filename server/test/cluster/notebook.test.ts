/** A team notebook edited through two processes at once converges, live and in the record. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresReachable } from '../../store/testDatabase'
import { connect } from '../startTestServer'
import { TestDocClient } from '../yjsClient'
import { type ClusterProcess, redisReachable, startCluster, type TestCluster } from './startCluster'

const available = (await postgresReachable()) && (await redisReachable())

describe.skipIf(!available)('a notebook on two processes', { timeout: 180_000 }, () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startCluster(2)
  }, 180_000)
  afterAll(async () => {
    await cluster?.destroy()
  })

  it('converges: each side sees the other side’s lines live, and the record holds them all', async () => {
    const [a, b] = cluster.processes as [ClusterProcess, ClusterProcess]
    const created = await cluster.createExercise(a)
    const join = async (on: ClusterProcess, name: string) =>
      (await cluster.join(on, created.joinCodes.soc, name)).token
    const ana = await connect(a, { token: await join(a, 'Ana') })
    const ben = await connect(b, { token: await join(b, 'Ben') })
    await Promise.all([ana.waitForSnapshot(), ben.waitForSnapshot()])
    const onA = new TestDocClient(ana.socket, 'notebook:soc')
    const onB = new TestDocClient(ben.socket, 'notebook:soc')
    expect(await onA.open()).toEqual({ ok: true })
    expect(await onB.open()).toEqual({ ok: true })
    await onA.waitFor(() => onA.text.includes('incident log'), 'the template on A')
    await onB.waitFor(() => onB.text.includes('incident log'), 'the template on B')

    const linesA = Array.from({ length: 20 }, (_, i) => `A wrote line ${i}.`)
    const linesB = Array.from({ length: 20 }, (_, i) => `B wrote line ${i}.`)
    for (let i = 0; i < 20; i++) {
      onA.appendParagraph(linesA[i]!)
      onB.appendParagraph(linesB[i]!)
    }
    const all = [...linesA, ...linesB]
    const holdsAll = (client: TestDocClient) => all.every((line) => client.text.includes(line))
    await onA.waitFor(() => holdsAll(onA), 'every line on A', 30_000)
    await onB.waitFor(() => holdsAll(onB), 'every line on B', 30_000)
    expect(onA.text).toBe(onB.text)
    await onA.waitFor(() => onA.updateReplies.length >= 20, 'A’s edits acknowledged', 30_000)
    await onB.waitFor(() => onB.updateReplies.length >= 20, 'B’s edits acknowledged', 30_000)
    expect([...onA.updateReplies, ...onB.updateReplies].every((reply) => reply.ok)).toBe(true)

    // The record, read through either process, holds both sides once, as the editors show it.
    for (const on of [a, b]) {
      const read = await cluster.http<{ text: string }>(
        on,
        'GET',
        `/api/exercises/${created.id}/documents/notebook:soc`,
      )
      for (const line of all) expect(read.body.text.split(line).length).toBe(2)
      expect(read.body.text.split('incident log').length).toBe(2)
    }
    // A newcomer on B gets the same notebook from B's copy.
    const cy = await connect(b, { token: await join(b, 'Cy') })
    await cy.waitForSnapshot()
    const onB2 = new TestDocClient(cy.socket, 'notebook:soc')
    expect(await onB2.open()).toEqual({ ok: true })
    await onB2.waitFor(() => holdsAll(onB2), 'every line for the newcomer', 30_000)
    expect(onB2.text).toBe(onA.text)
    for (const client of [ana, ben, cy]) client.close()
  })
})
