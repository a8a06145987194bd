import { boardStoreContract } from './board-store.contract.ts'
import { MemoryBoardStore } from './memory-board-store.ts'

boardStoreContract('MemoryBoardStore', () => new MemoryBoardStore())
