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
