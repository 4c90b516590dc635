// Browser journeys and emulator start-up take seconds, not milliseconds.
jest.setTimeout(120_000)
