/** The JSON size of each document a member keeps in memory, and their sum, kept as they change (trim reads it after every live batch). */
export class DocumentSizes {
  private readonly bytes = new Map<string, number>();
  private sum = 0;

  get total(): number {
    return this.sum;
  }

  get(id: string): number {
    return this.bytes.get(id) ?? 0;
  }

  set(id: string, size: number): void {
    this.sum += size - (this.bytes.get(id) ?? 0);
    this.bytes.set(id, size);
  }

  delete(id: string): void {
    this.sum -= this.bytes.get(id) ?? 0;
    this.bytes.delete(id);
  }

  clear(): void {
    this.bytes.clear();
    this.sum = 0;
  }
}
