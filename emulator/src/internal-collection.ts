import type { Doc } from './ejson'
import type { Database } from './database'
import type { Store } from './store'

/** An internal (emulator-only) collection: outbox, grants, sessions, files. */
export class InternalCollection {
  constructor(
    private readonly db: Database,
    private readonly store: Store,
    readonly name: string,
  ) {}

  private async ensure(): Promise<void> {
    if (!this.store.hasCollection(this.name)) await this.store.commit([{ t: 'coll', c: this.name }])
  }

  get(id: string): Doc | undefined {
    return this.store.get(this.name, id)
  }

  all(): Doc[] {
    return [...this.store.docs(this.name)]
  }

  async put(id: string, doc: Doc): Promise<void> {
    await this.ensure()
    await this.db.commitOps([{ t: 'put', c: this.name, id, doc: { ...doc, _id: id } }])
  }

  async del(id: string): Promise<void> {
    if (!this.store.get(this.name, id)) return
    await this.db.commitOps([{ t: 'del', c: this.name, id }])
  }
}
