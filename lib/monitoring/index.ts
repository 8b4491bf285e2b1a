export * from "./app-alert-thresholds";
