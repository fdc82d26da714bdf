// The doors of a consent request with their entrance's consent, as the request list and the
// e-service read them: a json_agg subquery's FROM and WHERE over request \`r\`, naming the request's
// door \`rd\`, the door \`d\` and its consent \`e\`. Not exported from the package.
export const requestDoorsWithConsent = `FROM consent_request_door rd
         JOIN door d ON d.municipality_id = rd.municipality_id AND d.id = rd.door_id
         LEFT JOIN entrance_consent e ON e.municipality_id = d.municipality_id AND e.door_id = d.id
         WHERE rd.municipality_id = r.municipality_id AND rd.request_id = r.id`;
