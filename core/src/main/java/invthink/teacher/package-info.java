/**
 * Teachers write InvThink traces for prompts: {@link invthink.teacher.ChatTeacher} asks any
 * OpenAI-compatible LLM with the InvThink instruction ({@link invthink.teacher.InvThinkPrompt})
 * and gives it one repair round when its format is off; {@link invthink.teacher.OfflineTeacher}
 * composes traces deterministically from the hazard taxonomy so the pipeline runs with no
 * network, and says so in every answer. Real traces come from a real LLM.
 */
package invthink.teacher;
