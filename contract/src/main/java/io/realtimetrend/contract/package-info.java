/** The shared vocabulary of ../shared/CONTRACT.md: the only types more than one module relies on. */
package io.realtimetrend.contract;
