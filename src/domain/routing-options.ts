/** Options for turning surnames into letter keys (DIN 5007 variant, name particles) and resolving them. */

export interface RoutingOptions {
  /** DIN 5007 variant 1 (default): Ä→A, Ö→O, Ü→U, ß→SS; variant 2: Ä→AE, Ö→OE, Ü→UE, ß→SS. */
  umlautVariant: 1 | 2;
  /** Default true: "von der Heide" files under H, as German offices file particles after the name. */
  skipParticles: boolean;
  /** Lower-case name particles (German, Dutch, Romance) that precede the surname proper. */
  particles: string[];
}

const defaultParticles = [
  "von",
  "vom",
  "van",
  "de",
  "der",
  "den",
  "des",
  "du",
  "zu",
  "zur",
  "zum",
  "auf",
  "ten",
  "ter",
  "di",
  "da",
  "das",
  "dos",
  "del",
  "della",
  "le",
  "la",
];
Object.freeze(defaultParticles);

export const defaultRoutingOptions: RoutingOptions = Object.freeze({
  umlautVariant: 1,
  skipParticles: true,
  particles: defaultParticles,
});

/** Builds a new options object; never writes defaults into the caller's object. */
export function resolveRoutingOptions(options?: Partial<RoutingOptions>): RoutingOptions {
  return {
    umlautVariant: options?.umlautVariant ?? defaultRoutingOptions.umlautVariant,
    skipParticles: options?.skipParticles ?? defaultRoutingOptions.skipParticles,
    particles: (options?.particles ?? defaultRoutingOptions.particles).map((p) => p.toLowerCase()),
  };
}
