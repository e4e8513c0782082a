/**
 * What a fault handler returns (VM_FAULT_* reduced): OK means "retry the access"; the others end
 * it. HANG is the model's name for a wait nothing will end (a page lock no one releases); WAIT a
 * sleep on a page a paused migration holds (k.sleepOn says which): the access queues a waiter.
 */
export type VmFault = 'OK' | 'OOM' | 'SIGBUS' | 'SIGSEGV' | 'HWPOISON' | 'HANG' | 'WAIT';
