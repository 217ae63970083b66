/**
 * {@code triangulate generate}: a seeded synthetic customer base written as landing files, with the
 * truths it plants and the interview panel that (partly wrongly) reports on it.
 *
 * <p>Entry point: {@link io.triangulate.pipelines.generate.WorldGenerator#generate}. Plain Java, no
 * Spark: customers are simulated one at a time ({@code CustomerSimulator}) and streamed to CSV and
 * JSON Lines; {@code PlantedTruths} measures the demo claims on the very rows written, with
 * {@link io.triangulate.pipelines.generate.OutcomeRules}; {@code InterviewPlanner} and
 * {@code TranscriptWriter} pick real customers and tell their stories in the transcript format.
 */
package io.triangulate.pipelines.generate;
