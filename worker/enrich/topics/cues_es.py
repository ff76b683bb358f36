"""Spanish cue phrases per IPTC Media Topic: general news vocabulary of each field (same syntax as cues.py;
no stemming: "*" carries the inflections)."""

from __future__ import annotations

CUES: dict[str, str] = {
    "medtop:01000000": "cultura*, cultural*, artista*!, arte, festival*, exposición*, museo*, patrimonio, "
    "libro*, novela*, novelista*, escritor*, literatura*, poeta*, poesía, teatro*!, danza*, bailar*, "
    "celebridad*, famoso*, humorista*, moda, desfile*, modelo*, periodis*, prensa, medio* de comunicación",
    "medtop:20000005": "película*!, cine!, cineasta*, director de cine, actor!, actores!, actriz!, actrices, "
    "oscar*, goya*, rodaje*, taquilla*, hollywood, largometraje*, cortometraje*",
    "medtop:20000018": "música*!, músico*!, cantante*!, canción*!, canciones!, álbum*!, disco*, concierto*!, "
    "rapero*, reguetón, grammy*, orquesta*, gira*, sencillo*",
    "medtop:20000051": "televisión*!, ~programa*, ~serie*, ~capítulo*, presentador*, telenovela*, "
    "reality*",
    "medtop:20001182": "redes sociales!, red social, facebook, twitter, instagram, tiktok, youtube, "
    "influencer*, seguidores",
    "medtop:16000000": "guerra*!, conflicto*!, ejército*!, militar*!, soldado*!, tropa*, combate*, "
    "terroris*!, atentado*!, rebelde*!, insurgente*, guerrilla*, milicia*, bombardeo*, ataque*, "
    "ofensiva*, rehén*, rehenes, alto el fuego, paz, golpe de estado, misil*, dron*, drones, "
    "invasión*, armas",
    "medtop:02000000": "crimen*!, delito*!, criminal*, tribunal*!, justicia!, juez*!, jueces!, jueza*, "
    "juicio*!, fiscal*!, fiscalía*, abogado*, denuncia*, condena*!, condenado*, cárcel*!, prisión*!, "
    "preso*, pena de prisión, sentencia*, veredicto*, imputado*, acusado*, ~investigación*, policía*!, "
    "policial*, guardia civil, detenido*!, detención*, arresto*, asesinato*!, asesin*, homicidio*, "
    "robo*, ladrón*, ladrones, fraude*, corrupción!, corrupto*, estafa*, narcotráfico, narco*, "
    "droga*, violación*, agresión*, ~ley, ~leyes, ilegal*, judicial*, supremo, corte*",
    "medtop:03000000": "accidente*!, catástrofe*!, desastre*, incendio*!, inundación*!, inundaciones!, "
    "terremoto*!, sismo*, deslizamiento*, naufragio*, derrumbe*, explosión*, víctimas, rescate*, "
    "bomberos, huracán*, erupción*, emergencia*",
    "medtop:04000000": "economía*!, económic*!, empresa*!, empresarial*, compañía*, mercado*!, comercio*, "
    "industria*, bolsa*!, acciones, accionista*, inversión*!, inversiones, inversor*, banco*!, bancari*, "
    "financ*!, crecimiento, pib, PIB, inflación!, ~precio*, ~coste*, ~costo*, tarifa*, deuda*, presupuesto*, "
    "impuesto*, fiscal, ventas, facturación, beneficio*, ganancias, pérdidas, clientes, consum*, "
    "exportacion*, importacion*, divisa*, euros, dólares, moneda*, petróleo, minería, agricultura, "
    "fábrica*, ~producción, empleo*, desempleo, ~empresario*, consejero delegado, fmi, FMI, "
    "banco mundial, quiebra*, fusión*, adquisición*, millones, ~contrato*, dinero, inmobiliari*, vivienda*, "
    "seguro*, aseguradora*, "
    "aerolínea*, aeropuerto*, vuelo*, transporte*, puerto*, minera*, minerales, metales, fundador*, "
    "emprendedor*, mercancía*",
    "medtop:05000000": "escuela*!, colegio*, alumno*!, estudiante*!, profesor*!, docente*, maestro*, "
    "educación!, educativ*, universidad*!, universitari*, enseñanza, examen*, exámenes, selectividad, "
    "curso escolar, aula*",
    "medtop:06000000": "medio ambiente!, medioambiental*, ambiental*, clima!, climático*!, calentamiento, "
    "contaminación!, biodiversidad, deforestación, bosque*, especies, ecológic*, emisiones, carbono, "
    "energías renovables, sequía*, residuos, plástico*",
    "medtop:07000000": "salud!, sanitari*!, médic*!, hospital*!, clínica*, paciente*!, enferm*!, "
    "epidemia*!, pandemia*!, virus!, covid*!, coronavirus!, vacuna*!, vacunación!, malaria, cólera, "
    "ébola, tuberculosis, vih, sida, cáncer!, diabetes, tratamiento*, medicamento*!, fármaco*, "
    "farmac*, cirug*, contagio*, infección*, infectad*, oms, OMS, nutrición, desnutrición, embarazo*, "
    "parto*, obesidad, síntoma*, salud pública, ministerio de sanidad, sanidad!",
    "medtop:08000000": "aniversario*, boda*, récord mundial, centenari*",
    "medtop:09000000": "huelga*!, sindicato*!, sindical*, trabajador*, salario*, sueldo*, despido*, "
    "jubilación*, pensiones, funcionario*, laboral*",
    "medtop:10000000": "turismo, turista*, vacaciones, ocio, gastronomía, cocina, receta*, viaje*",
    "medtop:11000000": "política*!, político*!, gobierno*!, gubernamental*, ministro*!, ministra*!, "
    "ministerio*, presidente*!, presidenta*!, presidencia*, presidencial*!, elección*!, elecciones!, "
    "electoral*!, votante*, voto*, votación*, candidato*, candidata*, partido político, partidos, "
    "oposición!, diputado*!, senado*, senador*, congreso*, parlamento*!, constitución*, referéndum*, "
    "democracia*, diplomátic*!, embajad*, cumbre*, primer ministro, alcalde*, alcaldesa*, gobernador*, "
    "régimen, ~autoridades, onu, ONU, naciones unidas, unión europea, sanciones, manifestación*, "
    "manifestantes, protesta*, coalición",
    "medtop:12000000": "religi*!, iglesia*!, mezquita*!, imán, sacerdote*, papa, obispo*, cristian*, "
    "musulmán*, musulmanes, islam*, católic*, oración*, vaticano",
    "medtop:13000000": "ciencia*!, científic*!, investigador*!, ~investigación*, tecnolog*!, digital*!, "
    "internet!, informátic*!, software!, ~aplicación*, app, apps, teléfono* móvil*, celular*, "
    "smartphone*!, ordenador*!, computadora*!, ~datos, ciber*!, hacker*, hackeo*, "
    "inteligencia artificial!, innovación*, telecomunicacion*!, operadora*, 5g, satélite*!, espacial*, "
    "cohete*, robot*, algoritmo*, en línea, sitio web, ~plataforma*, google, apple, microsoft, meta, "
    "whatsapp, huawei, bitcoin, criptomoneda*, electrónic*",
    "medtop:20000763": "inteligencia artificial, informática, software, algoritmo*",
    "medtop:14000000": "sociedad civil, ~social, ~sociales, pobreza!, migrante*!, migración*!, "
    "inmigra*, refugiado*, derechos humanos, discriminación, racismo, ~jóvenes, ~niño*, ~familia*, "
    "vivienda*, desigualdad*",
    "medtop:15000000": "deporte*!, deportiv*!, fútbol!, futbolista*!, partido de fútbol, ~partido, "
    "campeonato*!, ~mundial, copa del mundo, liga!, ligas, champions, selección!, seleccionador*!, "
    "entrenador*!, jugador*!, gol!, goles!, goleador*, victoria*, derrota*, empate*, final, finales, "
    "semifinal*, cuartos de final, torneo*!, estadio*!, club*!, fifa, FIFA, uefa, UEFA, clasificación, "
    "medalla*!, atletismo, atleta*, maratón, tenis!, baloncesto!, balonmano, rugby, ciclis*, boxeo, "
    "juegos olímpicos, olímpic*, balón de oro, fichaje*, delantero*, defensa central, portero*, "
    "centrocampista*, árbitro*, penalti*, aficionado*, ~temporada*, ~título*, campeón*!, campeona*, "
    "federación*, ~ganador*",
    "medtop:17000000": "meteorolog*!, previsión del tiempo, lluvia*!, tormenta*!, temperatura*!, calor, "
    "ola* de calor!, "
    "alerta roja, alerta naranja, ~previsión*, nevada*, nieve*, viento*, sequía*, granizo",
}
