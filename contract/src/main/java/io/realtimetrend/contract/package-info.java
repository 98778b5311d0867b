/** The shared vocabulary of docs/contract.md: the only types more than one module relies on. */
package io.realtimetrend.contract;
