/** A second county that extends the reference profile, written the way a county would. */
export const exampleCountyYaml = `# 示例县 — changes only what differs from the reference county
id: example_county
name: { zh: 示例县, en: Example County }
extends: reference
versions:
  - version: "2025.1"
    effectiveFrom: 2025-01-01
    changes:
      points:
        categories:
          - code: mobile
            name: { zh: 外出流动类, en: Mobile (away from home) }
  - version: "2026.2"
    effectiveFrom: 2026-07-01
    note: 县委组织部 2026 年第 3 号文件
    changes:
      points:
        items:
          - code: volunteer_service
            points: 2
          - code: river_patrol
            name: { zh: 河湖巡查, en: River patrol }
            kind: award
            points: 1
            unit: time
            categories: all
            caps: { month: 4 }
            recordedBy: [self, branch]
      grid:
        households: { target: 250, min: 150 }
      consultation:
        group:
          size: { min: 11, target: 15, max: 19 }
`;
