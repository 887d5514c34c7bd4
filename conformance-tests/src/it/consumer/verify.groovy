def report = new File(basedir, 'target/surefire-reports/TEST-com.example.device.DeviceConnectsTest.xml')
assert report.isFile() : "no surefire report: the consumer's test did not run"
def text = report.text
assert text.contains('tests="2"') : "expected 2 tests in " + report
assert text.contains('failures="0"') && text.contains('errors="0"') && text.contains('skipped="0"')

// The consumer's pom.xml and logback-test.xml are the README's, word for word.
def readme = new File(basedir, '../../../../README.md').text
def pom = new File(basedir, 'pom.xml').text.trim()
assert readme.contains('```xml\n' + pom + '\n```') : "README.md does not show the consumer pom.xml of " + basedir
def logback = new File(basedir, 'src/test/resources/logback-test.xml').text.trim()
assert readme.contains('```xml\n' + logback + '\n```') : "README.md does not show the consumer's logback-test.xml"

// With that configuration the mock's journal lines show at INFO, and Californium says nothing below WARN.
def log = new File(basedir, 'build.log').readLines()
assert log.any { it ==~ /\d\d:\d\d:\d\d\.\d{3} INFO  journal handshake ACCEPTED .*identity='demoProduct,dev01,2,300'.*/ } :
        "no journal line of the accepted handshake in " + basedir + "/build.log"
def chatty = log.findAll { it ==~ /\d\d:\d\d:\d\d\.\d{3} (TRACE|DEBUG|INFO ) .*/ && !it.contains(' journal ') }
assert chatty.isEmpty() : "lines below WARN from other loggers: " + chatty.take(5)

// The consumer uses the kit's API only: every kit type it imports lies in a package of the README's
// "Public API" table and is marked @API with a status other than INTERNAL.
def apiSection = readme.substring(readme.indexOf('\n## Public API\n'))
apiSection = apiSection.substring(0, apiSection.indexOf('\n## ', 1))
def apiPackages = (apiSection =~ /(?m)^\| `(dev\.enoscoap[\w.]*)` \|/).collect { it[1] } as Set
assert apiPackages.contains('dev.enoscoap.junit') : "no package list in the README's Public API section"
def imported = new TreeSet<String>()
new File(basedir, 'src').eachFileRecurse(groovy.io.FileType.FILES) { source ->
    if (source.name.endsWith('.java')) {
        (source.text =~ /(?m)^import\s+(static\s+)?(dev\.enoscoap\.[\w.*]+);/).each { m ->
            assert !m[2].endsWith('*') : "${source.name}: import ${m[2]}: name the kit's types one by one"
            imported << (m[1] ? m[2].substring(0, m[2].lastIndexOf('.')) : m[2])
        }
    }
}
assert !imported.isEmpty() : "the consumer imports nothing of the kit"
def outside = imported.findAll { !apiPackages.contains(it.substring(0, it.lastIndexOf('.'))) }
assert outside.isEmpty() : "the consumer imports types outside the kit's API packages: " + outside
def jars = []
new File(basedir, '../../local-repo').eachFileRecurse(groovy.io.FileType.FILES) { f ->
    if (f.name.endsWith('.jar') && !f.name.endsWith('-sources.jar') && !f.name.endsWith('-javadoc.jar')) {
        jars << f.toURI().toURL()
    }
}
def loader = new URLClassLoader(jars as URL[], ClassLoader.getPlatformClassLoader())
def apiType = loader.loadClass('org.apiguardian.api.API')
imported.each { name ->
    def type = Class.forName(name, false, loader)
    def api = type.getAnnotation(apiType)
    assert api != null : "${name} is not marked @API"
    assert api.status().name() != 'INTERNAL' : "the consumer imports ${name}, which is INTERNAL"
}
println "consumer imports ${imported.size()} kit types, all API: ${imported}"

// The kit brings no command-line parser: picocli is in the runnable jars only, not a dependency of
// the libraries. The test class path the consumer's tests ran with is in its Surefire report.
def classPath = (text =~ /name="surefire\.test\.class\.path" value="([^"]*)"/)
assert classPath.find() : "no test class path in " + report
def jarsUsed = classPath.group(1).split(File.pathSeparator).collect { new File(it).name }
assert jarsUsed.any { it.startsWith('enos-coap-conformance-') } : "the kit is not on the test class path: " + jarsUsed
assert !jarsUsed.any { it.startsWith('picocli') } : "the kit brings picocli into the consumer's build: " + jarsUsed
