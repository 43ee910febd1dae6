/**
 * Insider-threat scenarios of the project's own writing, after the agentic-misalignment design:
 * an e-mail agent with a goal, a goal conflict and its imminent replacement, in a blackmail and a
 * lethal-override variant; N sampled trials each, judged by what the agent actually did with its
 * tools plus the judge's verdict.
 */
package invthink.eval.insider;
