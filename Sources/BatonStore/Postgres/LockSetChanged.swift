/// The set of workflows a transaction has locked changed under it; the transaction is run again.
struct LockSetChanged: Error {}
